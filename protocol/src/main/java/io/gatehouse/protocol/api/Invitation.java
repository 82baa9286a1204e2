package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An invitation; {@code token} is present only in the response that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Invitation(
        String id,
        String email,
        Role role,
        String invitedBy,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt,
        String token) {}
