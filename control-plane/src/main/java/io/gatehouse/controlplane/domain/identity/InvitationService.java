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
import io.gatehouse.protocol.api.Invitation;
import io.gatehouse.protocol.api.InvitationRequest;
import io.gatehouse.protocol.api.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/** Invitations of the caller's tenant; the token is shown once and only its hash is kept. */
public final class InvitationService {
    private final ActivityLog activity;
    private final Duration ttl;

    public InvitationService(ActivityLog activity, Duration ttl) {
        this.activity = activity;
        this.ttl = ttl;
    }

    public Invitation create(Session session, Caller caller, InvitationRequest request) {
        Validation v = new Validation();
        v.email("email", request.email());
        v.required("role", request.role());
        v.throwIfInvalid();
        if (!Permission.canGrant(caller.role(), request.role())) {
            throw ApiException.forbidden("role " + caller.role() + " may not invite as " + request.role());
        }
        String email = request.email().trim();
        boolean member = !session.createQuery(
                        "select m.id from MembershipEntity m, UserEntity u where u.id = m.userId and lower(u.email) = :email",
                        UUID.class)
                .setParameter("email", email.toLowerCase(Locale.ROOT))
                .getResultList()
                .isEmpty();
        if (member) {
            throw ApiException.conflict("email", "is already a member");
        }
        String secret = Tokens.generate(Tokens.INVITATION);
        InvitationEntity invitation = new InvitationEntity(caller.tenantId());
        invitation.setEmail(email);
        invitation.setRole(request.role());
        invitation.setTokenHash(Tokens.hash(secret));
        invitation.setInvitedBy(caller.userId());
        invitation.setExpiresAt(Times.now().plus(ttl));
        session.persist(invitation);
        session.flush();
        Invitation shown = ApiMapper.invitation(invitation, null);
        activity.record(
                session, caller, "create", "invitation", invitation.getId().toString(), null, shown);
        return ApiMapper.invitation(invitation, secret);
    }

    public Page<Invitation> list(Session session, ListParams params) {
        Validation v = new Validation();
        Keyset<InvitationEntity> keyset = new Keyset<>(
                InvitationEntity.class,
                Map.of("createdAt", new Keyset.SortField("createdAt", Instant.class)),
                "createdAt");
        String pending = params.filter("pending");
        if (pending != null) {
            if (pending.equals("true")) {
                keyset.where("e.acceptedAt is null and e.expiresAt > :now", Map.of("now", Times.now()));
            } else if (!pending.equals("false")) {
                v.error("pending", "'" + Validation.clip(pending) + "' is invalid (expected: true, false)");
            }
        }
        for (String name : params.filters().keySet()) {
            if (!name.equals("pending")) {
                v.error(name, "is not a filter of this listing (expected: pending)");
            }
        }
        v.throwIfInvalid();
        return keyset.page(
                session, params, TenantOwned::getCreatedAt, TenantOwned::getId, e -> ApiMapper.invitation(e, null));
    }

    public Invitation get(Session session, UUID id) {
        return ApiMapper.invitation(load(session, id), null);
    }

    public void revoke(Session session, Caller caller, UUID id) {
        InvitationEntity invitation = load(session, id);
        Invitation before = ApiMapper.invitation(invitation, null);
        session.remove(invitation);
        session.flush();
        activity.record(session, caller, "delete", "invitation", id.toString(), before, null);
    }

    private static InvitationEntity load(Session session, UUID id) {
        List<InvitationEntity> found = session.createQuery(
                        "from InvitationEntity e where e.id = :id", InvitationEntity.class)
                .setParameter("id", id)
                .getResultList();
        if (found.isEmpty()) {
            throw ApiException.notFound("invitation");
        }
        return found.get(0);
    }
}
