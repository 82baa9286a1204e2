package io.gatehouse.controlplane.domain.policy;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.CrudService;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.domain.registry.ServerEntity;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.controlplane.persistence.Times;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.KillSwitchScope;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.Session;

/** Kill switches: tenant, server or tool; who and why; {@code DELETE} lifts and keeps the record. */
public final class KillSwitchService extends CrudService<KillSwitchEntity, KillSwitchRequest, KillSwitch> {
    private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.*?/-]{1,128}");

    public KillSwitchService(ActivityLog activity) {
        super(KillSwitchEntity.class, "kill-switch", activity);
    }

    @Override
    protected void validate(Session session, KillSwitchRequest r, KillSwitchEntity existing, Validation v) {
        v.text("reason", r.reason(), 1000);
        if (!v.required("scope", r.scope())) {
            return;
        }
        if (r.scope() == KillSwitchScope.TENANT) {
            if (r.serverId() != null) {
                v.error("serverId", "must be absent for scope tenant");
            }
        } else {
            UUID serverId = id(v, "serverId", r.serverId(), true);
            if (serverId != null && !exists(session, ServerEntity.class, serverId)) {
                v.error("serverId", "no such server");
            }
        }
        if (r.scope() == KillSwitchScope.TOOL) {
            if (v.required("tool", r.tool())) {
                v.matches("tool", r.tool(), TOOL, "a tool name or a glob with * and ?");
            }
        } else if (r.tool() != null) {
            v.error("tool", "must be absent unless scope is tool");
        }
    }

    @Override
    protected KillSwitchEntity newEntity(Caller caller, KillSwitchRequest request) {
        KillSwitchEntity e = new KillSwitchEntity(caller.tenantId());
        e.setCreatedBy(caller.userId());
        return e;
    }

    @Override
    protected void apply(KillSwitchEntity e, KillSwitchRequest r) {
        e.setScope(r.scope());
        e.setServerId(r.serverId() == null ? null : UUID.fromString(r.serverId()));
        e.setTool(r.tool());
        e.setReason(r.reason().trim());
    }

    @Override
    public KillSwitch represent(KillSwitchEntity e) {
        return ApiMapper.killSwitch(e);
    }

    @Override
    public KillSwitch update(Session session, Caller caller, UUID id, KillSwitchRequest request, Long ifMatch) {
        throw new ApiException(405, "METHOD_NOT_ALLOWED", "kill switches are not edited; lift one and create another");
    }

    /** Lifts the switch; it stays in the history with who lifted it and when. */
    @Override
    public void delete(Session session, Caller caller, UUID id, Long ifMatch) {
        KillSwitchEntity e = load(session, id);
        checkVersion(e, ifMatch);
        if (e.getLiftedAt() != null) {
            return;
        }
        KillSwitch before = represent(e);
        e.setLiftedAt(Times.now());
        e.setLiftedBy(caller.userId());
        e.touch();
        session.flush();
        activity.record(session, caller, "lift", resourceType(), id.toString(), before, represent(e));
    }

    @Override
    public List<String> filterNames() {
        return List.of("active", "scope", "serverId");
    }

    @Override
    protected void filter(Keyset<KillSwitchEntity> keyset, ListParams params, Validation v) {
        String active = params.filter("active");
        if (active != null) {
            if (active.equals("true")) {
                keyset.where("e.liftedAt is null", Map.of());
            } else if (active.equals("false")) {
                keyset.where("e.liftedAt is not null", Map.of());
            } else {
                v.error("active", "'" + Validation.clip(active) + "' is invalid (expected: true, false)");
            }
        }
        String scope = params.filter("scope");
        if (scope != null) {
            KillSwitchScope parsed = ApiMapper.parseEnum(KillSwitchScope.class, scope, "scope", v);
            if (parsed != null) {
                keyset.where("e.scope = :scope", Map.of("scope", parsed));
            }
        }
        String server = params.filter("serverId");
        if (server != null) {
            UUID serverId = id(v, "serverId", server, false);
            if (serverId != null) {
                keyset.where("e.serverId = :serverId", Map.of("serverId", serverId));
            }
        }
    }
}
