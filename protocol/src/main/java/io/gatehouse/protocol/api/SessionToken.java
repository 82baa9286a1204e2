package io.gatehouse.protocol.api;

import java.time.Instant;

/** A session bearer token, shown once. */
public record SessionToken(String token, String tenantId, String userId, Role role, Instant expiresAt) {}
