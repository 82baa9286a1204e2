package io.gatehouse.controlplane.domain.activity;

import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.protocol.api.ActivityEntry;
import io.gatehouse.protocol.api.Page;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/** Queries the admin activity log: newest first by default, filtered by resource, actor, action and time. */
public final class ActivityService {
    public static final Set<String> FILTERS = Set.of("resourceType", "resourceId", "actor", "action", "from", "to");

    public Page<ActivityEntry> list(Session session, ListParams params) {
        Validation v = new Validation();
        Keyset<ActivityEntity> keyset =
                new Keyset<>(ActivityEntity.class, Map.of("at", new Keyset.SortField("at", Instant.class)), "-at");
        for (String name : params.filters().keySet()) {
            if (!FILTERS.contains(name)) {
                v.error(
                        name,
                        "is not a filter of this listing (expected: "
                                + String.join(", ", FILTERS.stream().sorted().toList()) + ")");
            }
        }
        text(keyset, params, "resourceType", "e.resourceType = :resourceType", v);
        text(keyset, params, "resourceId", "e.resourceId = :resourceId", v);
        text(keyset, params, "action", "e.action = :action", v);
        String actor = params.filter("actor");
        if (actor != null) {
            try {
                keyset.where("e.actorUserId = :actor", Map.of("actor", UUID.fromString(actor)));
            } catch (IllegalArgumentException e) {
                v.error("actor", "'" + Validation.clip(actor) + "' is not a user id");
            }
        }
        instant(keyset, params, "from", "e.at >= :from", v);
        instant(keyset, params, "to", "e.at < :to", v);
        v.throwIfInvalid();
        return keyset.page(session, params, ActivityEntity::getAt, ActivityEntity::getId, ApiMapper::activity);
    }

    private static void text(Keyset<ActivityEntity> keyset, ListParams params, String name, String hql, Validation v) {
        String value = params.filter(name);
        if (value != null && v.optionalText(name, value, 200)) {
            keyset.where(hql, Map.of(name, value));
        }
    }

    private static void instant(
            Keyset<ActivityEntity> keyset, ListParams params, String name, String hql, Validation v) {
        String value = params.filter(name);
        if (value != null) {
            try {
                keyset.where(hql, Map.of(name, Instant.parse(value)));
            } catch (DateTimeParseException e) {
                v.error(
                        name,
                        "'" + Validation.clip(value) + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            }
        }
    }
}
