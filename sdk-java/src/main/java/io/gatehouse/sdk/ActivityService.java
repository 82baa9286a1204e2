package io.gatehouse.sdk;

import io.gatehouse.protocol.api.ActivityEntry;
import io.gatehouse.protocol.api.Page;

/** {@code /api/v1/activity}: the admin activity log, newest first. */
public final class ActivityService {
    private final ResourceService<Void, ActivityEntry> entries;

    ActivityService(HttpTransport transport) {
        this.entries = new ResourceService<>(transport, "/api/v1/activity", ActivityEntry.class);
    }

    /** Filters: resourceType, resourceId, actor, action, from, to (ISO-8601). */
    public Page<ActivityEntry> list(ListParams params) {
        return entries.list(params);
    }

    public Iterable<ActivityEntry> listAll(ListParams params) {
        return entries.listAll(params);
    }
}
