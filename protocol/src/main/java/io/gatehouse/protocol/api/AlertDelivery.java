package io.gatehouse.protocol.api;

import java.time.Instant;

/** One delivery attempt of an alert to a webhook. */
public record AlertDelivery(
        String id,
        String eventId,
        String eventType,
        int attempt,
        Integer statusCode,
        String error,
        boolean succeeded,
        Instant createdAt) {}
