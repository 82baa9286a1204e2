package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A short-lived enrollment token; the secret {@code token} is present only in the response that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrollmentToken(
        String id,
        String groupId,
        Instant expiresAt,
        int maxUses,
        int uses,
        String createdBy,
        Instant createdAt,
        Instant revokedAt,
        String token) {}
