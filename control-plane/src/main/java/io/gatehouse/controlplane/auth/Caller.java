package io.gatehouse.controlplane.auth;

import io.gatehouse.protocol.api.Role;
import java.security.Principal;
import java.util.Objects;
import java.util.UUID;

/**
 * The authenticated caller of a request: the tenant (always implied by the credential, never by
 * the path), the user, the token used and the effective role.
 */
public record Caller(UUID tenantId, UUID userId, UUID tokenId, TokenKind kind, Role role) implements Principal {
    public Caller {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String getName() {
        return userId.toString();
    }

    /** A stable key for per-caller state such as idempotency keys. */
    public String actorKey() {
        return userId + "/" + tokenId;
    }

    public enum TokenKind {
        SESSION,
        API
    }
}
