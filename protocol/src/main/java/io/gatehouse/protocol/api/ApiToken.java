package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An API token; the secret {@code token} is present only in the response that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiToken(
        String id,
        String name,
        Role role,
        String userId,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        String token) {}
