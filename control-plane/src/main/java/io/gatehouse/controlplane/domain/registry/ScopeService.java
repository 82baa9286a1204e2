package io.gatehouse.controlplane.domain.registry;

import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.CrudService;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Json;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.ScopeRequest;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * The scope catalog. {@code implies} must name scopes of the catalog and may not form a cycle, so
 * {@code files:write} implying {@code files:read} is fine and {@code a -> b -> a} is refused.
 */
public final class ScopeService extends CrudService<ScopeEntity, ScopeRequest, Scope> {
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}(:[a-z0-9*][a-z0-9_.*-]{0,63}){0,3}");

    public ScopeService(ActivityLog activity) {
        super(ScopeEntity.class, "scope", activity);
    }

    @Override
    protected void validate(Session session, ScopeRequest r, ScopeEntity existing, Validation v) {
        if (v.text("name", r.name(), 200)) {
            v.matches("name", r.name(), NAME, "like files:read (lower-case segments separated by ':')");
        }
        v.optionalText("description", r.description(), 1000);
        v.each("implies", r.implies(), 50, (path, name) -> {
            if (name.equals(r.name())) {
                v.error(path, "a scope cannot imply itself");
            }
        });
        if (existing != null && r.name() != null && !r.name().equals(existing.getName())) {
            requireUnused(session, existing.getName(), existing.getId());
        }
        if (r.implies() != null && !r.implies().isEmpty() && v.ok("implies") && v.ok("name")) {
            Set<String> known = new HashSet<>(names(session, r.implies()));
            for (int i = 0; i < r.implies().size(); i++) {
                if (!known.contains(r.implies().get(i))) {
                    v.error(
                            "implies[" + i + "]",
                            "'" + Validation.clip(r.implies().get(i)) + "' is not in the scope catalog");
                }
            }
            if (existing != null && v.ok("implies") && reaches(session, r.implies(), existing.getName())) {
                v.error("implies", "would create a cycle back to " + existing.getName());
            }
        }
    }

    /** A scope that bindings require or other scopes imply cannot be renamed or deleted. */
    @Override
    public void delete(Session session, Caller caller, java.util.UUID id, Long ifMatch) {
        ScopeEntity scope = load(session, id);
        checkVersion(scope, ifMatch);
        requireUnused(session, scope.getName(), scope.getId());
        super.delete(session, caller, id, ifMatch);
    }

    private static void requireUnused(Session session, String name, java.util.UUID id) {
        Number bindings = (Number) session.createNativeQuery(
                        "select count(*) from tool_bindings where jsonb_exists(required_scopes, :name)", Long.class)
                .setParameter("name", name)
                .getSingleResult();
        Number implying = (Number) session.createNativeQuery(
                        "select count(*) from scopes where id <> :id and jsonb_exists(implies, :name)", Long.class)
                .setParameter("id", id)
                .setParameter("name", name)
                .getSingleResult();
        if (bindings.longValue() > 0 || implying.longValue() > 0) {
            throw new io.gatehouse.controlplane.api.errors.ApiException(
                    409,
                    "SCOPE_IN_USE",
                    "scope " + name
                            + " is required by " + bindings + " tool binding(s) and implied by " + implying
                            + " scope(s); change those first");
        }
    }

    private static List<String> names(Session session, Collection<String> names) {
        return session.createQuery("select e.name from ScopeEntity e where e.name in (:names)", String.class)
                .setParameterList("names", names)
                .getResultList();
    }

    /** Whether following {@code implies} from {@code start} reaches {@code target}. */
    private static boolean reaches(Session session, List<String> start, String target) {
        Map<String, List<String>> graph = new java.util.HashMap<>();
        for (ScopeEntity e :
                session.createQuery("from ScopeEntity e", ScopeEntity.class).getResultList()) {
            graph.put(e.getName(), Json.read(e.getImplies(), Json.STRINGS));
        }
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(start);
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (next.equals(target)) {
                return true;
            }
            if (seen.add(next)) {
                queue.addAll(graph.getOrDefault(next, List.of()));
            }
        }
        return false;
    }

    @Override
    protected ScopeEntity newEntity(Caller caller, ScopeRequest request) {
        return new ScopeEntity(caller.tenantId());
    }

    @Override
    protected void apply(ScopeEntity e, ScopeRequest r) {
        e.setName(r.name());
        e.setDescription(r.description());
        e.setImplies(
                Json.write(r.implies() == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(r.implies()))));
    }

    @Override
    public Scope represent(ScopeEntity e) {
        return ApiMapper.scope(e);
    }

    @Override
    protected Map<String, Keyset.SortField> sorts() {
        Map<String, Keyset.SortField> sorts = super.sorts();
        sorts.put("name", new Keyset.SortField("name", String.class));
        return sorts;
    }

    @Override
    protected Object sortValue(ScopeEntity e, String attribute) {
        return attribute.equals("name") ? e.getName() : super.sortValue(e, attribute);
    }

    @Override
    public List<String> filterNames() {
        return List.of("q");
    }

    @Override
    protected void filter(Keyset<ScopeEntity> keyset, ListParams params, Validation v) {
        String q = params.filter("q");
        if (q != null) {
            keyset.where("lower(e.name) like :q escape '\\'", Map.of("q", contains(q)));
        }
    }
}
