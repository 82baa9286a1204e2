package io.gatehouse.controlplane.domain.activity;

import io.gatehouse.controlplane.api.errors.RequestIdFilter;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.persistence.Json;
import org.hibernate.Session;

/**
 * Records an admin change in the same transaction as the change itself, with the resource's
 * API representation before and after (representations never contain secrets). Because it commits
 * atomically with the change, the same table can feed an outbox relay later.
 */
public final class ActivityLog {

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
    }
}
