package io.gatehouse.controlplane.auth;

import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.protocol.api.Role;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a bearer token into a {@link Caller} through the {@code gh_resolve_token} definer function
 * (no tenant is known yet). A session acts with the member's current role; an API token with its own
 * role, and dies if the member's role has since dropped below it.
 */
public final class TokenResolver {
    private final Db db;

    public TokenResolver(Db db) {
        this.db = db;
    }

    public Optional<Caller> resolve(String token) {
        Caller.TokenKind expected;
        if (Tokens.wellFormed(token, Tokens.SESSION)) {
            expected = Caller.TokenKind.SESSION;
        } else if (Tokens.wellFormed(token, Tokens.API)) {
            expected = Caller.TokenKind.API;
        } else {
            return Optional.empty();
        }
        byte[] hash = Tokens.hash(token);
        List<Object[]> rows = db.system(session -> session.createNativeQuery(
                        "select token_id, tenant_id, user_id, kind, token_role, member_role from gh_resolve_token(:hash)",
                        Object[].class)
                .setParameter("hash", hash)
                .getResultList());
        if (rows.size() != 1) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        Caller.TokenKind kind = Caller.TokenKind.valueOf((String) row[3]);
        if (kind != expected) {
            return Optional.empty();
        }
        Role memberRole = Role.valueOf((String) row[5]);
        Role role = memberRole;
        if (kind == Caller.TokenKind.API) {
            Role tokenRole = Role.valueOf((String) row[4]);
            if (!Permission.canGrant(memberRole, tokenRole)) {
                return Optional.empty();
            }
            role = tokenRole;
        }
        return Optional.of(new Caller((UUID) row[1], (UUID) row[2], (UUID) row[0], kind, role));
    }
}
