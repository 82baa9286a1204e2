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
import io.gatehouse.engine.redaction.Detectors;
import io.gatehouse.engine.redaction.RedactionConfigException;
import io.gatehouse.engine.redaction.Redactor;
import io.gatehouse.protocol.api.Direction;
import io.gatehouse.protocol.api.RedactionAction;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.RedactionRuleRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * DLP rules: built-in detectors and/or custom patterns, compiled here with RE2/J (linear time, as
 * the data plane runs them, through the engine's own checks) so a bad or catastrophic pattern is refused at
 * the API.
 */
public final class RedactionRuleService extends CrudService<RedactionRuleEntity, RedactionRuleRequest, RedactionRule> {
    /** The built-in detector ids: the engine's, so a stored rule compiles on every data plane. */
    public static final Set<String> DETECTORS = Detectors.ids();

    public RedactionRuleService(ActivityLog activity) {
        super(RedactionRuleEntity.class, "redaction-rule", activity);
    }

    @Override
    protected void validate(Session session, RedactionRuleRequest r, RedactionRuleEntity existing, Validation v) {
        v.text("name", r.name(), 100);
        validateDetectorsAndPatterns(r.detectors(), r.patterns(), v);
        boolean noDetectors = r.detectors() == null || r.detectors().isEmpty();
        boolean noPatterns = r.patterns() == null || r.patterns().isEmpty();
        if (noDetectors && noPatterns) {
            v.error("detectors", "at least one detector or pattern is required");
        }
        v.required("direction", r.direction());
        v.required("action", r.action());
        v.each("serverIds", r.serverIds(), 500, (path, id) -> {
            try {
                if (!exists(session, ServerEntity.class, UUID.fromString(id))) {
                    v.error(path, "no such server");
                }
            } catch (IllegalArgumentException e) {
                v.error(path, "'" + Validation.clip(id) + "' is not a server id");
            }
        });
    }

    /** Detector ids must be built-ins; patterns must pass the engine's checks (RE2, size, no empty match). */
    static void validateDetectorsAndPatterns(List<String> detectors, List<String> patterns, Validation v) {
        v.each(
                "detectors",
                detectors,
                50,
                (path, d) -> v.check(
                        path,
                        d,
                        DETECTORS::contains,
                        "'" + Validation.clip(d) + "' is not a detector (expected one of: "
                                + String.join(", ", DETECTORS) + ")"));
        v.each("patterns", patterns, 50, (path, p) -> {
            if (v.text(path, p, 1000)) {
                try {
                    Redactor.validatePattern(path, p);
                } catch (RedactionConfigException e) {
                    String m = e.getMessage();
                    v.error(path, m.startsWith(path + ": ") ? m.substring(path.length() + 2) : m);
                }
            }
        });
    }

    @Override
    protected RedactionRuleEntity newEntity(Caller caller, RedactionRuleRequest request) {
        return new RedactionRuleEntity(caller.tenantId());
    }

    @Override
    protected void apply(RedactionRuleEntity e, RedactionRuleRequest r) {
        e.setName(r.name().trim());
        e.setDetectors(Json.write(r.detectors() == null ? List.of() : r.detectors()));
        e.setPatterns(Json.write(r.patterns() == null ? List.of() : r.patterns()));
        e.setDirection(r.direction());
        e.setAction(r.action());
        e.setServerIds(Json.write(r.serverIds() == null ? List.of() : r.serverIds()));
    }

    @Override
    public RedactionRule represent(RedactionRuleEntity e) {
        return ApiMapper.redactionRule(e);
    }

    @Override
    public List<String> filterNames() {
        return List.of("direction", "action");
    }

    @Override
    protected void filter(Keyset<RedactionRuleEntity> keyset, ListParams params, Validation v) {
        String direction = params.filter("direction");
        if (direction != null) {
            Direction parsed = ApiMapper.parseEnum(Direction.class, direction, "direction", v);
            if (parsed != null) {
                keyset.where("e.direction = :direction", Map.of("direction", parsed));
            }
        }
        String action = params.filter("action");
        if (action != null) {
            RedactionAction parsed = ApiMapper.parseEnum(RedactionAction.class, action, "action", v);
            if (parsed != null) {
                keyset.where("e.action = :action", Map.of("action", parsed));
            }
        }
    }
}
