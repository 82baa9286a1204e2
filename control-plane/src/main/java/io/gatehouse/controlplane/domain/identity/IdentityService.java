package io.gatehouse.controlplane.domain.identity;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.auth.LoginThrottle;
import io.gatehouse.controlplane.auth.PasswordHasher;
import io.gatehouse.controlplane.auth.Tokens;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.controlplane.persistence.Times;
import io.gatehouse.controlplane.persistence.Uuids;
import io.gatehouse.protocol.api.FieldError;
import io.gatehouse.protocol.api.InvitationAcceptRequest;
import io.gatehouse.protocol.api.LoginRequest;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.protocol.api.SessionToken;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.protocol.api.SignupResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Sign-up, login and accepting an invitation: the paths that run before a tenant is known. Each
 * crosses tenants only through the narrow definer functions of the V1 migration.
 */
public final class IdentityService {
    public static final int MIN_PASSWORD = 12;
    private final Db db;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final ActivityLog activity;
    private final Duration sessionTtl;
    private final int maxFailedLogins;
    private final Duration lockout;

    public IdentityService(
            Db db,
            PasswordHasher hasher,
            LoginThrottle throttle,
            ActivityLog activity,
            Duration sessionTtl,
            int maxFailedLogins,
            Duration lockout) {
        this.db = db;
        this.hasher = hasher;
        this.throttle = throttle;
        this.activity = activity;
        this.sessionTtl = sessionTtl;
        this.maxFailedLogins = maxFailedLogins;
        this.lockout = lockout;
    }

    public SignupResponse signup(SignupRequest request, String address) {
        Validation v = new Validation();
        v.text("tenantName", request.tenantName(), 100);
        v.email("email", request.email());
        password(v, request.password());
        v.throwIfInvalid();
        throttle.acquire(address);
        UUID tenantId = Uuids.v7();
        UUID userId = Uuids.v7();
        String hash = hasher.hash(request.password());
        return db.inTenant(tenantId, session -> {
            session.persist(new TenantEntity(tenantId, request.tenantName().trim()));
            session.flush();
            createUser(session, userId, request.email().trim(), hash);
            MembershipEntity owner = membership(session, tenantId, userId, Role.OWNER);
            Issued issued = issueSession(session, tenantId, userId, Role.OWNER);
            Caller caller = new Caller(tenantId, userId, issued.tokenId(), Caller.TokenKind.SESSION, Role.OWNER);
            activity.record(
                    session,
                    caller,
                    "create",
                    "tenant",
                    tenantId.toString(),
                    null,
                    Map.of(
                            "name",
                            request.tenantName().trim(),
                            "ownerUserId",
                            userId.toString(),
                            "membershipId",
                            owner.getId().toString()));
            return new SignupResponse(
                    tenantId.toString(), userId.toString(), issued.token().token());
        });
    }

    public SessionToken login(LoginRequest request, String address) {
        Validation v = new Validation();
        v.text("email", request.email(), 320);
        v.text("password", request.password(), 1024);
        UUID wanted = request.tenantId() == null ? null : idOrError(v, request.tenantId());
        v.throwIfInvalid();
        throttle.acquire(address);
        UUID userId = authenticate(request.email().trim(), request.password());
        List<Object[]> memberships = db.system(session -> session.createNativeQuery(
                        "select tenant_id, role from gh_login_succeeded(:user)", Object[].class)
                .setParameter("user", userId)
                .getResultList());
        Object[] chosen = null;
        if (wanted != null) {
            chosen = memberships.stream()
                    .filter(m -> wanted.equals(m[0]))
                    .findFirst()
                    .orElseThrow(() -> ApiException.validation(
                            List.of(new FieldError("tenantId", "you are not a member of this tenant"))));
        } else if (memberships.size() == 1) {
            chosen = memberships.get(0);
        } else if (memberships.isEmpty()) {
            throw ApiException.unauthorized("INVALID_CREDENTIALS", "the email or the password is wrong");
        } else {
            throw ApiException.validation(List.of(
                    new FieldError("tenantId", "is required: you belong to " + memberships.size() + " tenants")));
        }
        UUID tenantId = (UUID) chosen[0];
        Role role = Role.valueOf((String) chosen[1]);
        return db.inTenant(
                tenantId,
                session -> issueSession(session, tenantId, userId, role).token());
    }

    public SessionToken acceptInvitation(InvitationAcceptRequest request, String address) {
        Validation v = new Validation();
        v.text("token", request.token(), 100);
        v.text("password", request.password(), 1024);
        v.throwIfInvalid();
        throttle.acquire(address);
        if (!Tokens.wellFormed(request.token(), Tokens.INVITATION)) {
            throw ApiException.notFound("invitation");
        }
        List<Object[]> found = db.system(session -> session.createNativeQuery(
                        "select id, tenant_id, email, role, expires_at, accepted_at from gh_find_invitation(:hash)",
                        Object[].class)
                .setParameter("hash", Tokens.hash(request.token()))
                .getResultList());
        if (found.isEmpty()) {
            throw ApiException.notFound("invitation");
        }
        Object[] row = found.get(0);
        if (row[5] != null || toInstant(row[4]).isBefore(Times.now())) {
            throw new ApiException(410, "INVITATION_EXPIRED", "the invitation was already used or has expired");
        }
        UUID invitationId = (UUID) row[0];
        UUID tenantId = (UUID) row[1];
        String email = (String) row[2];
        Role role = Role.valueOf((String) row[3]);
        List<Object[]> existing = lookup(email);
        UUID userId;
        String newHash = null;
        if (existing.isEmpty()) {
            Validation pv = new Validation();
            password(pv, request.password());
            pv.throwIfInvalid();
            userId = Uuids.v7();
            newHash = hasher.hash(request.password());
        } else {
            userId = authenticate(email, request.password());
        }
        String hash = newHash;
        return db.inTenant(tenantId, session -> {
            if (hash != null) {
                createUser(session, userId, email, hash);
            }
            InvitationEntity invitation = session.createQuery(
                            "from InvitationEntity e where e.id = :id", InvitationEntity.class)
                    .setParameter("id", invitationId)
                    .getSingleResult();
            if (invitation.getAcceptedAt() != null) {
                throw new ApiException(410, "INVITATION_EXPIRED", "the invitation was already used or has expired");
            }
            invitation.setAcceptedAt(Times.now());
            invitation.touch();
            MembershipEntity membership = membership(session, tenantId, userId, role);
            Issued issued = issueSession(session, tenantId, userId, role);
            Caller caller = new Caller(tenantId, userId, issued.tokenId(), Caller.TokenKind.SESSION, role);
            activity.record(
                    session,
                    caller,
                    "accept",
                    "invitation",
                    invitationId.toString(),
                    null,
                    Map.of(
                            "userId",
                            userId.toString(),
                            "role",
                            role.wire(),
                            "membershipId",
                            membership.getId().toString()));
            return issued.token();
        });
    }

    /** Revokes the caller's own session token (logout). */
    public void logout(Caller caller) {
        if (caller.kind() != Caller.TokenKind.SESSION) {
            throw ApiException.badRequest(
                    "NOT_A_SESSION", "this is an API token; revoke it with DELETE /api/v1/tokens/{id}");
        }
        db.inTenant(caller.tenantId(), session -> {
            AccessTokenEntity token = session.createQuery(
                            "from AccessTokenEntity e where e.id = :id", AccessTokenEntity.class)
                    .setParameter("id", caller.tokenId())
                    .getSingleResult();
            token.setRevokedAt(Times.now());
            token.touch();
            return null;
        });
    }

    private record Issued(SessionToken token, UUID tokenId) {}

    private Issued issueSession(Session session, UUID tenantId, UUID userId, Role role) {
        String secret = Tokens.generate(Tokens.SESSION);
        AccessTokenEntity token = new AccessTokenEntity(tenantId);
        token.setUserId(userId);
        token.setKind(Caller.TokenKind.SESSION.name());
        token.setName("session");
        token.setTokenHash(Tokens.hash(secret));
        token.setExpiresAt(Times.now().plus(sessionTtl));
        session.persist(token);
        return new Issued(
                new SessionToken(secret, tenantId.toString(), userId.toString(), role, token.getExpiresAt()),
                token.getId());
    }

    private UUID authenticate(String email, String password) {
        List<Object[]> rows = lookup(email);
        if (rows.isEmpty()) {
            hasher.verifyDummy(password);
            throw ApiException.unauthorized("INVALID_CREDENTIALS", "the email or the password is wrong");
        }
        Object[] row = rows.get(0);
        UUID userId = (UUID) row[0];
        Instant lockedUntil = toInstant(row[2]);
        if (lockedUntil != null && lockedUntil.isAfter(Times.now())) {
            throw ApiException.tooManyRequests(
                    "ACCOUNT_LOCKED",
                    "too many failed logins; the account is locked for now",
                    Duration.between(Times.now(), lockedUntil).toSeconds() + 1);
        }
        if (!hasher.verify(password, (String) row[1])) {
            db.system(session -> session.createNativeQuery("select gh_login_failed(:user, :max, :lock)", Object.class)
                    .setParameter("user", userId)
                    .setParameter("max", maxFailedLogins)
                    .setParameter("lock", (int) lockout.toSeconds())
                    .getSingleResult());
            throw ApiException.unauthorized("INVALID_CREDENTIALS", "the email or the password is wrong");
        }
        return userId;
    }

    private List<Object[]> lookup(String email) {
        return db.system(session -> session.createNativeQuery(
                        "select user_id, password_hash, locked_until from gh_login_lookup(:email)", Object[].class)
                .setParameter("email", email)
                .getResultList());
    }

    private static void createUser(Session session, UUID userId, String email, String hash) {
        Boolean created = session.createNativeQuery("select gh_create_user(:id, :email, :hash)", Boolean.class)
                .setParameter("id", userId)
                .setParameter("email", email)
                .setParameter("hash", hash)
                .getSingleResult();
        if (!Boolean.TRUE.equals(created)) {
            throw ApiException.conflict("email", "is already registered");
        }
    }

    private static MembershipEntity membership(Session session, UUID tenantId, UUID userId, Role role) {
        MembershipEntity membership = new MembershipEntity(tenantId);
        membership.setUserId(userId);
        membership.setRole(role);
        session.persist(membership);
        session.flush();
        return membership;
    }

    private static void password(Validation v, String password) {
        if (v.text("password", password, 1024) && password.length() < MIN_PASSWORD) {
            v.error(
                    "password",
                    "is " + password.length() + " characters long (expected: at least " + MIN_PASSWORD + ")");
        }
    }

    private static UUID idOrError(Validation v, String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            v.error("tenantId", "is not an id");
            return null;
        }
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
