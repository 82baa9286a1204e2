package io.gatehouse.controlplane.domain.fleet;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.auth.Tokens;
import io.gatehouse.controlplane.domain.CrudService;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.controlplane.persistence.Times;
import io.gatehouse.protocol.api.EnrollmentToken;
import io.gatehouse.protocol.api.EnrollmentTokenRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Enrollment tokens: short TTL (default 15 minutes, at most 24 hours), limited uses (default 1),
 * the secret shown once and stored as SHA-256; {@code DELETE} revokes.
 */
public final class EnrollmentTokenService
        extends CrudService<EnrollmentTokenEntity, EnrollmentTokenRequest, EnrollmentToken> {
    static final int DEFAULT_TTL_SECONDS = 900;
    static final int MAX_TTL_SECONDS = 86_400;

    public EnrollmentTokenService(ActivityLog activity) {
        super(EnrollmentTokenEntity.class, "enrollment-token", activity);
    }

    @Override
    protected void validate(Session session, EnrollmentTokenRequest r, EnrollmentTokenEntity existing, Validation v) {
        UUID groupId = id(v, "groupId", r.groupId(), true);
        if (groupId != null && !exists(session, DataPlaneGroupEntity.class, groupId)) {
            v.error("groupId", "no such data-plane group");
        }
        v.range("ttlSeconds", r.ttlSeconds() == null ? null : r.ttlSeconds().longValue(), 60, MAX_TTL_SECONDS);
        v.range("maxUses", r.maxUses() == null ? null : r.maxUses().longValue(), 1, 1000);
    }

    @Override
    public EnrollmentToken create(Session session, Caller caller, EnrollmentTokenRequest request) {
        Validation v = new Validation();
        validate(session, request, null, v);
        v.throwIfInvalid();
        String secret = Tokens.generate(Tokens.ENROLLMENT);
        EnrollmentTokenEntity e = new EnrollmentTokenEntity(caller.tenantId());
        e.setGroupId(UUID.fromString(request.groupId()));
        e.setTokenHash(Tokens.hash(secret));
        e.setExpiresAt(Times.now()
                .plus(Duration.ofSeconds(request.ttlSeconds() == null ? DEFAULT_TTL_SECONDS : request.ttlSeconds())));
        e.setMaxUses(request.maxUses() == null ? 1 : request.maxUses());
        e.setUses(0);
        e.setCreatedBy(caller.userId());
        session.persist(e);
        session.flush();
        activity.record(session, caller, "create", resourceType(), e.getId().toString(), null, represent(e));
        return ApiMapper.enrollmentToken(e, secret);
    }

    @Override
    protected EnrollmentTokenEntity newEntity(Caller caller, EnrollmentTokenRequest request) {
        throw new UnsupportedOperationException("created by create()");
    }

    @Override
    protected void apply(EnrollmentTokenEntity e, EnrollmentTokenRequest r) {
        throw new UnsupportedOperationException("enrollment tokens are immutable");
    }

    @Override
    public EnrollmentToken update(Session session, Caller caller, UUID id, EnrollmentTokenRequest r, Long ifMatch) {
        throw new ApiException(405, "METHOD_NOT_ALLOWED", "enrollment tokens are immutable; revoke and create another");
    }

    @Override
    public void delete(Session session, Caller caller, UUID id, Long ifMatch) {
        EnrollmentTokenEntity e = load(session, id);
        if (e.getRevokedAt() != null) {
            return;
        }
        EnrollmentToken before = represent(e);
        e.setRevokedAt(Times.now());
        e.touch();
        session.flush();
        activity.record(session, caller, "revoke", resourceType(), id.toString(), before, represent(e));
    }

    @Override
    public EnrollmentToken represent(EnrollmentTokenEntity e) {
        return ApiMapper.enrollmentToken(e, null);
    }

    @Override
    public List<String> filterNames() {
        return List.of("groupId");
    }

    @Override
    protected void filter(Keyset<EnrollmentTokenEntity> keyset, ListParams params, Validation v) {
        String group = params.filter("groupId");
        if (group != null) {
            UUID groupId = id(v, "groupId", group, false);
            if (groupId != null) {
                keyset.where("e.groupId = :groupId", Map.of("groupId", groupId));
            }
        }
    }
}
