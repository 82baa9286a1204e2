package io.gatehouse.controlplane.domain.policy;

import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.CrudService;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.domain.registry.ServerEntity;
import io.gatehouse.controlplane.persistence.Json;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRequest;
import io.gatehouse.protocol.api.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/** Contextual policies: ordered rules, enforce or shadow; rule ids default to {@code r1, r2, ...}. */
public final class PolicyService extends CrudService<PolicyEntity, PolicyRequest, Policy> {

    public PolicyService(ActivityLog activity) {
        super(PolicyEntity.class, "policy", activity);
    }

    @Override
    protected void validate(Session session, PolicyRequest r, PolicyEntity existing, Validation v) {
        v.text("name", r.name(), 100);
        v.optionalText("description", r.description(), 1000);
        v.range("priority", r.priority() == null ? null : r.priority().longValue(), 0, 10_000);
        PolicyValidator.rules(r.rules(), v, id -> exists(session, ServerEntity.class, id));
    }

    @Override
    protected PolicyEntity newEntity(Caller caller, PolicyRequest request) {
        return new PolicyEntity(caller.tenantId());
    }

    @Override
    protected void apply(PolicyEntity e, PolicyRequest r) {
        e.setName(r.name().trim());
        e.setDescription(r.description());
        e.setPriority(r.priority() == null ? 100 : r.priority());
        e.setMode(r.mode() == null ? PolicyMode.ENFORCE : r.mode());
        e.setEnabled(r.enabled() == null || r.enabled());
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i < r.rules().size(); i++) {
            PolicyRule rule = r.rules().get(i);
            rules.add(
                    rule.id() != null
                            ? rule
                            : new PolicyRule(
                                    "r" + (i + 1),
                                    rule.description(),
                                    rule.subjects(),
                                    rule.targets(),
                                    rule.conditions(),
                                    rule.effect()));
        }
        e.setRules(Json.write(rules));
    }

    @Override
    public Policy represent(PolicyEntity e) {
        return ApiMapper.policy(e);
    }

    @Override
    protected Map<String, Keyset.SortField> sorts() {
        Map<String, Keyset.SortField> sorts = super.sorts();
        sorts.put("name", new Keyset.SortField("name", String.class));
        sorts.put("priority", new Keyset.SortField("priority", Integer.class));
        return sorts;
    }

    @Override
    protected Object sortValue(PolicyEntity e, String attribute) {
        return switch (attribute) {
            case "name" -> e.getName();
            case "priority" -> e.getPriority();
            default -> super.sortValue(e, attribute);
        };
    }

    @Override
    public List<String> filterNames() {
        return List.of("mode", "enabled", "q");
    }

    @Override
    protected void filter(Keyset<PolicyEntity> keyset, ListParams params, Validation v) {
        String mode = params.filter("mode");
        if (mode != null) {
            PolicyMode parsed = ApiMapper.parseEnum(PolicyMode.class, mode, "mode", v);
            if (parsed != null) {
                keyset.where("e.mode = :mode", Map.of("mode", parsed));
            }
        }
        String enabled = params.filter("enabled");
        if (enabled != null) {
            if (enabled.equals("true") || enabled.equals("false")) {
                keyset.where("e.enabled = :enabled", Map.of("enabled", Boolean.parseBoolean(enabled)));
            } else {
                v.error("enabled", "'" + Validation.clip(enabled) + "' is invalid (expected: true, false)");
            }
        }
        String q = params.filter("q");
        if (q != null) {
            keyset.where("lower(e.name) like :q escape '\\'", Map.of("q", contains(q)));
        }
    }
}
