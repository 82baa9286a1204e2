package io.gatehouse.protocol.api;

import java.time.Instant;

/** A rate limit. */
public record RateLimit(
        String id,
        String name,
        LimitKey key,
        String serverId,
        String tool,
        long capacity,
        long refillTokens,
        long refillPeriodSeconds,
        FailureMode failureMode,
        long version,
        Instant createdAt,
        Instant updatedAt)
        implements Versioned {}
