package io.gatehouse.controlplane.domain.identity;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Tokens;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.controlplane.persistence.TenantOwned;
import io.gatehouse.controlplane.persistence.Times;
import io.gatehouse.protocol.api.ApiToken;
import io.gatehouse.protocol.api.ApiTokenRequest;
import io.gatehouse.protocol.api.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * API tokens: role-scoped (never above the creator's role), shown once, stored as SHA-256,
 * revocable, with their last-used time. Everyone manages their own; owners and admins see all.
 */
public final class ApiTokenService {
    private final ActivityLog activity;

    public ApiTokenService(ActivityLog activity) {
        this.activity = activity;
    }

    public ApiToken create(Session session, Caller caller, ApiTokenRequest request) {
        Validation v = new Validation();
        v.text("name", request.name(), 100);
        v.range(
                "expiresInDays",
                request.expiresInDays() == null ? null : request.expiresInDays().longValue(),
                1,
                365);
        v.throwIfInvalid();
        var role = request.role() == null ? caller.role() : request.role();
        if (!Permission.canGrant(caller.role(), role)) {
            throw ApiException.forbidden("role " + caller.role() + " may not create a token with role " + role);
        }
        String secret = Tokens.generate(Tokens.API);
        AccessTokenEntity token = new AccessTokenEntity(caller.tenantId());
        token.setUserId(caller.userId());
        token.setKind(Caller.TokenKind.API.name());
        token.setName(request.name().trim());
        token.setRole(role);
        token.setTokenHash(Tokens.hash(secret));
        if (request.expiresInDays() != null) {
            token.setExpiresAt(Times.now().plus(Duration.ofDays(request.expiresInDays())));
        }
        session.persist(token);
        session.flush();
        activity.record(
                session,
                caller,
                "create",
                "api-token",
                token.getId().toString(),
                null,
                ApiMapper.apiToken(token, null));
        return ApiMapper.apiToken(token, secret);
    }

    public Page<ApiToken> list(Session session, Caller caller, ListParams params) {
        Validation v = new Validation();
        Keyset<AccessTokenEntity> keyset = new Keyset<>(
                AccessTokenEntity.class,
                Map.of("createdAt", new Keyset.SortField("createdAt", Instant.class)),
                "createdAt");
        Map<String, Object> p = new HashMap<>();
        p.put("kind", Caller.TokenKind.API.name());
        keyset.where("e.kind = :kind", p);
        if (!Permission.TOKENS_ALL.grantedTo(caller.role())) {
            keyset.where("e.userId = :self", Map.of("self", caller.userId()));
        }
        for (String name : params.filters().keySet()) {
            v.error(name, "is not a filter of this listing");
        }
        v.throwIfInvalid();
        return keyset.page(
                session, params, TenantOwned::getCreatedAt, TenantOwned::getId, e -> ApiMapper.apiToken(e, null));
    }

    public ApiToken get(Session session, Caller caller, UUID id) {
        return ApiMapper.apiToken(load(session, caller, id), null);
    }

    public void revoke(Session session, Caller caller, UUID id) {
        AccessTokenEntity token = load(session, caller, id);
        if (token.getRevokedAt() != null) {
            return;
        }
        ApiToken before = ApiMapper.apiToken(token, null);
        token.setRevokedAt(Times.now());
        token.touch();
        session.flush();
        activity.record(session, caller, "revoke", "api-token", id.toString(), before, ApiMapper.apiToken(token, null));
    }

    private static AccessTokenEntity load(Session session, Caller caller, UUID id) {
        List<AccessTokenEntity> found = session.createQuery(
                        "from AccessTokenEntity e where e.id = :id and e.kind = :kind", AccessTokenEntity.class)
                .setParameter("id", id)
                .setParameter("kind", Caller.TokenKind.API.name())
                .getResultList();
        if (found.isEmpty()
                || (!Permission.TOKENS_ALL.grantedTo(caller.role())
                        && !found.get(0).getUserId().equals(caller.userId()))) {
            throw ApiException.notFound("api-token");
        }
        return found.get(0);
    }
}
