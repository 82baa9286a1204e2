package io.gatehouse.controlplane.domain.activity;

import io.gatehouse.controlplane.api.errors.RequestIdFilter;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.persistence.Json;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Records an admin change in the same transaction as the change itself, with the resource's
 * API representation before and after (representations never contain secrets). Because it commits
 * atomically with the change, it is also where the bundle outbox hangs: the {@link ChangeHook} sees every
 * change inside that transaction.
 */
public final class ActivityLog {

    /** Called for every recorded change, inside the change's transaction. */
    @FunctionalInterface
    public interface ChangeHook {
        void changed(Session session, UUID tenantId, String resourceType, String action);
    }

    private final ChangeHook hook;

    public ActivityLog() {
        this((session, tenantId, resourceType, action) -> {});
    }

    public ActivityLog(ChangeHook hook) {
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    public void record(
            Session session,
            Caller caller,
            String action,
            String resourceType,
            String resourceId,
            Object before,
            Object after) {
        session.persist(new ActivityEntity(
                caller.tenantId(),
                caller.userId(),
                caller.tokenId(),
                action,
                resourceType,
                resourceId,
                before == null ? null : Json.write(before),
                after == null ? null : Json.write(after),
                RequestIdFilter.current()));
        hook.changed(session, caller.tenantId(), resourceType, action);
    }

    /**
     * A change made by something other than a member, e.g. an agent enrolling with an enrollment token
     * ({@code actorTokenId}); the actor user is empty.
     */
    public void recordWithoutUser(
            Session session,
            UUID tenantId,
            UUID actorTokenId,
            String action,
            String resourceType,
            String resourceId,
            Object before,
            Object after) {
        session.persist(new ActivityEntity(
                tenantId,
                null,
                actorTokenId,
                action,
                resourceType,
                resourceId,
                before == null ? null : Json.write(before),
                after == null ? null : Json.write(after),
                RequestIdFilter.current()));
        hook.changed(session, tenantId, resourceType, action);
    }
}
