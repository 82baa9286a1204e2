package io.gatehouse.controlplane.domain.registry;

import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.CrudService;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Json;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.protocol.api.Risk;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.protocol.api.ToolBindingRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.Session;

/** Tool bindings: a server's tools matching a glob need scopes of the catalog; risk; guarded arguments. */
public final class ToolBindingService extends CrudService<ToolBindingEntity, ToolBindingRequest, ToolBinding> {
    static final Pattern TOOL_PATTERN = Pattern.compile("[A-Za-z0-9_.*?/-]{1,128}");
    static final Pattern ARGUMENT = Pattern.compile("[A-Za-z0-9_.$\\[\\]-]{1,128}");

    public ToolBindingService(ActivityLog activity) {
        super(ToolBindingEntity.class, "tool-binding", activity);
    }

    @Override
    protected void validate(Session session, ToolBindingRequest r, ToolBindingEntity existing, Validation v) {
        UUID serverId = id(v, "serverId", r.serverId(), true);
        if (serverId != null && !exists(session, ServerEntity.class, serverId)) {
            v.error("serverId", "no such server");
        }
        if (v.text("toolPattern", r.toolPattern(), 128)) {
            v.matches("toolPattern", r.toolPattern(), TOOL_PATTERN, "a tool name or a glob with * and ?");
        }
        if (v.required("requiredScopes", r.requiredScopes())) {
            v.each("requiredScopes", r.requiredScopes(), 50, (path, s) -> {});
            if (v.ok("requiredScopes") && !r.requiredScopes().isEmpty()) {
                Set<String> known = new HashSet<>(
                        session.createQuery("select e.name from ScopeEntity e where e.name in (:names)", String.class)
                                .setParameterList("names", r.requiredScopes())
                                .getResultList());
                for (int i = 0; i < r.requiredScopes().size(); i++) {
                    if (!known.contains(r.requiredScopes().get(i))) {
                        v.error(
                                "requiredScopes[" + i + "]",
                                "'" + Validation.clip(r.requiredScopes().get(i)) + "' is not in the scope catalog");
                    }
                }
            }
        }
        v.each(
                "guardedArguments",
                r.guardedArguments(),
                50,
                (path, a) -> v.matches(path, a, ARGUMENT, "an argument name or JSON path"));
    }

    @Override
    protected ToolBindingEntity newEntity(Caller caller, ToolBindingRequest request) {
        return new ToolBindingEntity(caller.tenantId());
    }

    @Override
    protected void apply(ToolBindingEntity e, ToolBindingRequest r) {
        e.setServerId(UUID.fromString(r.serverId()));
        e.setToolPattern(r.toolPattern());
        e.setRequiredScopes(Json.write(r.requiredScopes()));
        e.setRisk(r.risk() == null ? Risk.WRITE : r.risk());
        e.setGuardedArguments(Json.write(r.guardedArguments() == null ? List.of() : r.guardedArguments()));
    }

    @Override
    public ToolBinding represent(ToolBindingEntity e) {
        return ApiMapper.toolBinding(e);
    }

    @Override
    public List<String> filterNames() {
        return List.of("serverId", "risk");
    }

    @Override
    protected void filter(Keyset<ToolBindingEntity> keyset, ListParams params, Validation v) {
        String server = params.filter("serverId");
        if (server != null) {
            UUID serverId = id(v, "serverId", server, false);
            if (serverId != null) {
                keyset.where("e.serverId = :serverId", Map.of("serverId", serverId));
            }
        }
        String risk = params.filter("risk");
        if (risk != null) {
            Risk parsed = ApiMapper.parseEnum(Risk.class, risk, "risk", v);
            if (parsed != null) {
                keyset.where("e.risk = :risk", Map.of("risk", parsed));
            }
        }
    }
}
