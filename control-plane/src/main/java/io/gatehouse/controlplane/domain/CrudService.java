package io.gatehouse.controlplane.domain;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.controlplane.persistence.TenantOwned;
import io.gatehouse.protocol.api.Page;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Create, read, update (with If-Match), delete and list of one tenant-owned resource type, each
 * change recorded in the activity log within the same transaction. Subclasses say how to validate,
 * apply and represent a request; the session is already scoped to the caller's tenant by {@code Db}.
 *
 * @param <E> the entity
 * @param <Q> the create/update request record
 * @param <R> the response record
 */
public abstract class CrudService<E extends TenantOwned, Q, R> {
    protected final ActivityLog activity;
    private final Class<E> type;
    private final String resourceType;

    protected CrudService(Class<E> type, String resourceType, ActivityLog activity) {
        this.type = type;
        this.resourceType = resourceType;
        this.activity = activity;
    }

    /** Field checks of a create ({@code existing == null}) or an update. */
    protected abstract void validate(Session session, Q request, E existing, Validation v);

    protected abstract E newEntity(Caller caller, Q request);

    protected abstract void apply(E entity, Q request);

    public abstract R represent(E entity);

    /** The filter query parameters the list endpoint accepts (anything else is a field error). */
    public List<String> filterNames() {
        return List.of();
    }

    /** Filters of the list endpoint, validated into bound predicates. */
    protected void filter(Keyset<E> keyset, ListParams params, Validation v) {}

    /** Sort fields of the list endpoint; {@code createdAt} and {@code updatedAt} by default. */
    protected Map<String, Keyset.SortField> sorts() {
        Map<String, Keyset.SortField> sorts = new LinkedHashMap<>();
        sorts.put("createdAt", new Keyset.SortField("createdAt", Instant.class));
        sorts.put("updatedAt", new Keyset.SortField("updatedAt", Instant.class));
        return sorts;
    }

    /** The sort names the list endpoint accepts ({@code -name} sorts descending). */
    public List<String> sortNames() {
        return List.copyOf(sorts().keySet());
    }

    protected Object sortValue(E entity, String attribute) {
        return switch (attribute) {
            case "createdAt" -> entity.getCreatedAt();
            case "updatedAt" -> entity.getUpdatedAt();
            default -> throw new IllegalStateException("no sort value for " + attribute);
        };
    }

    public String resourceType() {
        return resourceType;
    }

    public R create(Session session, Caller caller, Q request) {
        Validation v = new Validation();
        validate(session, request, null, v);
        v.throwIfInvalid();
        E entity = newEntity(caller, request);
        apply(entity, request);
        session.persist(entity);
        session.flush();
        R created = represent(entity);
        activity.record(session, caller, "create", resourceType, entity.getId().toString(), null, created);
        return created;
    }

    public R get(Session session, UUID id) {
        return represent(load(session, id));
    }

    public R update(Session session, Caller caller, UUID id, Q request, Long ifMatch) {
        E entity = load(session, id);
        checkVersion(entity, ifMatch);
        Validation v = new Validation();
        validate(session, request, entity, v);
        v.throwIfInvalid();
        R before = represent(entity);
        apply(entity, request);
        entity.touch();
        session.flush();
        R after = represent(entity);
        activity.record(session, caller, "update", resourceType, id.toString(), before, after);
        return after;
    }

    public void delete(Session session, Caller caller, UUID id, Long ifMatch) {
        E entity = load(session, id);
        checkVersion(entity, ifMatch);
        R before = represent(entity);
        session.remove(entity);
        session.flush();
        activity.record(session, caller, "delete", resourceType, id.toString(), before, null);
    }

    public Page<R> list(Session session, ListParams params) {
        Map<String, Keyset.SortField> sorts = sorts();
        Keyset<E> keyset = new Keyset<>(type, sorts, "createdAt");
        Validation v = new Validation();
        allowOnly(params, v, filterNames().toArray(String[]::new));
        filter(keyset, params, v);
        v.throwIfInvalid();
        String sort = params.sort() == null ? "createdAt" : params.sort().replaceFirst("^-", "");
        Keyset.SortField field = sorts.get(sort);
        return keyset.page(
                session,
                params,
                e -> sortValue(e, field == null ? "createdAt" : field.attribute()),
                TenantOwned::getId,
                this::represent);
    }

    /** Loads by id through a query, so the tenant filter applies (a plain {@code find} skips filters). */
    public E load(Session session, UUID id) {
        List<E> found = session.createQuery("from " + type.getSimpleName() + " e where e.id = :id", type)
                .setParameter("id", id)
                .getResultList();
        if (found.isEmpty()) {
            throw ApiException.notFound(resourceType);
        }
        return found.get(0);
    }

    protected void checkVersion(E entity, Long ifMatch) {
        if (ifMatch != null && ifMatch != entity.getVersion()) {
            throw ApiException.preconditionFailed(entity.getVersion());
        }
    }

    /** Rejects filters this listing does not know, naming the ones it does. */
    protected static void allowOnly(ListParams params, Validation v, String... names) {
        java.util.Set<String> known = java.util.Set.of(names);
        for (String name : params.filters().keySet()) {
            if (!known.contains(name)) {
                v.error(
                        name,
                        "is not a filter of this listing (expected: "
                                + (names.length == 0 ? "none" : String.join(", ", names)) + ")");
            }
        }
    }

    /** A case-insensitive substring filter; LIKE wildcards in the input match literally. */
    protected static String contains(String value) {
        return "%"
                + value.toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
    }

    /** Whether an entity of {@code other} with this id exists in the caller's tenant. */
    protected static boolean exists(Session session, Class<?> other, UUID id) {
        return !session.createQuery("select e.id from " + other.getSimpleName() + " e where e.id = :id", UUID.class)
                .setParameter("id", id)
                .getResultList()
                .isEmpty();
    }

    /** Parses an id field of a request; adds a field error and returns null if it is not a UUID. */
    protected static UUID id(Validation v, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                v.error(field, "is required");
            }
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            v.error(field, "'" + Validation.clip(value) + "' is not an id");
            return null;
        }
    }
}
