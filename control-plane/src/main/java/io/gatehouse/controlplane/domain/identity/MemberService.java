package io.gatehouse.controlplane.domain.identity;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.controlplane.persistence.TenantOwned;
import io.gatehouse.protocol.api.Member;
import io.gatehouse.protocol.api.MemberUpdate;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Role;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/** Members of the caller's tenant ({@code /api/v1/users}): list, re-role, remove. */
public final class MemberService {
    private final ActivityLog activity;

    public MemberService(ActivityLog activity) {
        this.activity = activity;
    }

    public Page<Member> list(Session session, ListParams params) {
        Validation v = new Validation();
        Keyset<MembershipEntity> keyset = new Keyset<>(
                MembershipEntity.class,
                Map.of("createdAt", new Keyset.SortField("createdAt", Instant.class)),
                "createdAt");
        String role = params.filter("role");
        if (role != null) {
            Role parsed = ApiMapper.parseEnum(Role.class, role, "role", v);
            if (parsed != null) {
                keyset.where("e.role = :role", Map.of("role", parsed));
            }
        }
        for (String name : params.filters().keySet()) {
            if (!name.equals("role")) {
                v.error(name, "is not a filter of this listing (expected: role)");
            }
        }
        v.throwIfInvalid();
        Page<MembershipEntity> page =
                keyset.page(session, params, TenantOwned::getCreatedAt, TenantOwned::getId, m -> m);
        Map<UUID, String> emails = emails(
                session, page.items().stream().map(MembershipEntity::getUserId).toList());
        return new Page<>(
                page.items().stream()
                        .map(m -> ApiMapper.member(m, emails.get(m.getUserId())))
                        .toList(),
                page.next());
    }

    public Member get(Session session, UUID userId) {
        MembershipEntity m = load(session, userId);
        return ApiMapper.member(m, emails(session, List.of(userId)).get(userId));
    }

    public Member update(Session session, Caller caller, UUID userId, MemberUpdate request, Long ifMatch) {
        Validation v = new Validation();
        v.required("role", request.role());
        v.throwIfInvalid();
        MembershipEntity m = load(session, userId);
        if (ifMatch != null && ifMatch != m.getVersion()) {
            throw ApiException.preconditionFailed(m.getVersion());
        }
        if ((m.getRole() == Role.OWNER || request.role() == Role.OWNER)
                && !Permission.OWNERSHIP.grantedTo(caller.role())) {
            throw ApiException.forbidden("only an owner may grant or take away the owner role");
        }
        if (!Permission.canGrant(caller.role(), request.role())) {
            throw ApiException.forbidden("role " + caller.role() + " may not grant " + request.role());
        }
        if (m.getRole() == Role.OWNER && request.role() != Role.OWNER) {
            requireAnotherOwner(session, m);
        }
        Member before = get(session, userId);
        m.setRole(request.role());
        m.touch();
        session.flush();
        Member after = get(session, userId);
        activity.record(session, caller, "update", "member", userId.toString(), before, after);
        return after;
    }

    public void remove(Session session, Caller caller, UUID userId, Long ifMatch) {
        MembershipEntity m = load(session, userId);
        if (ifMatch != null && ifMatch != m.getVersion()) {
            throw ApiException.preconditionFailed(m.getVersion());
        }
        if (m.getRole() == Role.OWNER) {
            if (!Permission.OWNERSHIP.grantedTo(caller.role())) {
                throw ApiException.forbidden("only an owner may remove an owner");
            }
            requireAnotherOwner(session, m);
        }
        Member before = get(session, userId);
        session.remove(m);
        session.flush();
        activity.record(session, caller, "delete", "member", userId.toString(), before, null);
    }

    private static void requireAnotherOwner(Session session, MembershipEntity m) {
        Long owners = session.createQuery(
                        "select count(e) from MembershipEntity e where e.role = :owner and e.id <> :id", Long.class)
                .setParameter("owner", Role.OWNER)
                .setParameter("id", m.getId())
                .getSingleResult();
        if (owners == 0) {
            throw new ApiException(409, "LAST_OWNER", "a tenant keeps at least one owner");
        }
    }

    private static MembershipEntity load(Session session, UUID userId) {
        List<MembershipEntity> found = session.createQuery(
                        "from MembershipEntity e where e.userId = :user", MembershipEntity.class)
                .setParameter("user", userId)
                .getResultList();
        if (found.isEmpty()) {
            throw ApiException.notFound("member");
        }
        return found.get(0);
    }

    static Map<UUID, String> emails(Session session, List<UUID> userIds) {
        Map<UUID, String> emails = new HashMap<>();
        if (userIds.isEmpty()) {
            return emails;
        }
        session.createQuery("from UserEntity u where u.id in (:ids)", UserEntity.class)
                .setParameterList("ids", userIds)
                .getResultList()
                .forEach(u -> emails.put(u.getId(), u.getEmail()));
        return emails;
    }
}
