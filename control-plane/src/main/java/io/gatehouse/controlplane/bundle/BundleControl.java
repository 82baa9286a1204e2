package io.gatehouse.controlplane.bundle;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.protocol.api.BundlePublishRequest;
import io.gatehouse.protocol.api.BundlePublishResult;
import io.gatehouse.protocol.api.BundleRollbackRequest;
import io.gatehouse.protocol.api.BundleVersion;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.SigningKey;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the bundle and signing-key endpoints do, each in one tenant transaction: explicit publish (no debounce, a new
 * version even without changes), rollback, history, signing keys and rotation. Without a configured master key the
 * write operations answer 503 {@code BUNDLES_NOT_CONFIGURED}; the history still reads.
 */
public final class BundleControl {
    private final Db db;
    private final BundleService service;
    private final ActivityLog activity;

    /** @param service null when no master key is configured */
    public BundleControl(Db db, BundleService service, ActivityLog activity) {
        this.db = Objects.requireNonNull(db, "db");
        this.service = service;
        this.activity = Objects.requireNonNull(activity, "activity");
    }

    public BundlePublishResult publish(Caller caller, BundlePublishRequest request) {
        BundleService bundles = requireConfigured();
        Validation v = new Validation();
        UUID group = null;
        if (request != null && request.groupId() != null) {
            group = uuid(request.groupId(), "groupId", v);
        }
        v.throwIfInvalid();
        UUID only = group;
        return db.inTenant(caller.tenantId(), session -> {
            if (only != null && !groupExists(session, only)) {
                throw ApiException.validation(
                        List.of(new io.gatehouse.protocol.api.FieldError("groupId", "no such data-plane group")));
            }
            List<BundleVersion> stored;
            try {
                stored = bundles.compile(session, caller.tenantId(), "PUBLISH", true, caller.userId(), only);
            } catch (CompileException e) {
                throw new ApiException(422, "COMPILE_FAILED", e.getMessage());
            } catch (BundleService.BundleTooLargeException e) {
                throw new ApiException(422, "BUNDLE_TOO_LARGE", e.getMessage());
            }
            for (BundleVersion b : stored) {
                activity.record(session, caller, "publish", "bundle", b.groupId() + ":" + b.version(), null, b);
            }
            return new BundlePublishResult(stored);
        });
    }

    public BundleVersion rollback(Caller caller, BundleRollbackRequest request) {
        BundleService bundles = requireConfigured();
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", "a JSON request body is required");
        }
        Validation v = new Validation();
        UUID group = null;
        if (v.required("groupId", request.groupId())) {
            group = uuid(request.groupId(), "groupId", v);
        }
        if (v.required("version", request.version())) {
            v.range("version", request.version(), 1, Long.MAX_VALUE);
        }
        v.throwIfInvalid();
        UUID groupId = group;
        return db.inTenant(caller.tenantId(), session -> {
            BundleVersion created;
            try {
                created = bundles.rollback(session, caller.tenantId(), groupId, request.version(), caller.userId());
            } catch (BundleService.BundleTooLargeException e) {
                throw new ApiException(422, "BUNDLE_TOO_LARGE", e.getMessage());
            }
            activity.record(
                    session, caller, "rollback", "bundle", created.groupId() + ":" + created.version(), null, created);
            return created;
        });
    }

    public Page<BundleVersion> list(Caller caller, ListParams params) {
        return db.inTenant(caller.tenantId(), session -> BundleService.list(session, params));
    }

    public Page<SigningKey> keys(Caller caller) {
        BundleService bundles = requireConfigured();
        return db.inTenant(
                caller.tenantId(),
                session -> new Page<>(
                        bundles.keys().list(session, caller.tenantId()).stream()
                                .map(k -> new SigningKey(
                                        k.kid(), k.state(), k.publishedAt(), k.activatedAt(), k.retiredAt()))
                                .toList(),
                        null));
    }

    public SigningKey rotate(Caller caller) {
        BundleService bundles = requireConfigured();
        return db.inTenant(caller.tenantId(), session -> {
            SigningKeys.KeyInfo key;
            try {
                key = bundles.keys().rotate(session, caller.tenantId());
            } catch (IllegalStateException e) {
                throw new ApiException(409, "ROTATION_IN_PROGRESS", e.getMessage());
            }
            SigningKey created = new SigningKey(key.kid(), key.state(), key.publishedAt(), null, null);
            activity.record(session, caller, "rotate", "signing-key", key.kid(), null, created);
            io.gatehouse.controlplane.messaging.BundleOutbox.notifyRelay(session);
            return created;
        });
    }

    private BundleService requireConfigured() {
        if (service == null) {
            throw new ApiException(
                    503, "BUNDLES_NOT_CONFIGURED", "this control plane has no bundle master key configured");
        }
        return service;
    }

    private static boolean groupExists(org.hibernate.Session session, UUID id) {
        return !session.createQuery("select e.id from DataPlaneGroupEntity e where e.id = :id", UUID.class)
                .setParameter("id", id)
                .getResultList()
                .isEmpty();
    }

    private static UUID uuid(String value, String field, Validation v) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            v.error(field, "'" + Validation.clip(value) + "' is not an id");
            return null;
        }
    }
}
