package io.gatehouse.controlplane.domain.policy;

import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.CrudService;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.domain.registry.ServerEntity;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.protocol.api.FailureMode;
import io.gatehouse.protocol.api.LimitKey;
import io.gatehouse.protocol.api.RateLimit;
import io.gatehouse.protocol.api.RateLimitRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.Session;

/** Token-bucket rate limits with a declared failure mode for when the shared store is down. */
public final class RateLimitService extends CrudService<RateLimitEntity, RateLimitRequest, RateLimit> {
    private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.*?/-]{1,128}");

    public RateLimitService(ActivityLog activity) {
        super(RateLimitEntity.class, "rate-limit", activity);
    }

    @Override
    protected void validate(Session session, RateLimitRequest r, RateLimitEntity existing, Validation v) {
        v.text("name", r.name(), 100);
        v.required("key", r.key());
        UUID serverId = id(v, "serverId", r.serverId(), false);
        if (serverId != null && !exists(session, ServerEntity.class, serverId)) {
            v.error("serverId", "no such server");
        }
        if (r.tool() != null) {
            v.matches("tool", r.tool(), TOOL, "a tool name or a glob with * and ?");
            if (r.serverId() == null) {
                v.error("serverId", "is required when tool is set");
            }
        }
        if (v.required("capacity", r.capacity())) {
            v.range("capacity", r.capacity(), 1, 1_000_000_000L);
        }
        v.range("refillTokens", r.refillTokens(), 1, 1_000_000_000L);
        if (v.required("refillPeriodSeconds", r.refillPeriodSeconds())) {
            v.range("refillPeriodSeconds", r.refillPeriodSeconds(), 1, 86_400L);
        }
    }

    @Override
    protected RateLimitEntity newEntity(Caller caller, RateLimitRequest request) {
        return new RateLimitEntity(caller.tenantId());
    }

    @Override
    protected void apply(RateLimitEntity e, RateLimitRequest r) {
        e.setName(r.name().trim());
        e.setLimitKey(r.key());
        e.setServerId(r.serverId() == null ? null : UUID.fromString(r.serverId()));
        e.setTool(r.tool());
        e.setCapacity(r.capacity());
        e.setRefillTokens(r.refillTokens() == null ? r.capacity() : r.refillTokens());
        e.setRefillPeriodSeconds(r.refillPeriodSeconds());
        e.setFailureMode(r.failureMode() == null ? FailureMode.CLOSED : r.failureMode());
    }

    @Override
    public RateLimit represent(RateLimitEntity e) {
        return ApiMapper.rateLimit(e);
    }

    @Override
    public List<String> filterNames() {
        return List.of("key", "serverId");
    }

    @Override
    protected void filter(Keyset<RateLimitEntity> keyset, ListParams params, Validation v) {
        String key = params.filter("key");
        if (key != null) {
            LimitKey parsed = ApiMapper.parseEnum(LimitKey.class, key, "key", v);
            if (parsed != null) {
                keyset.where("e.limitKey = :key", Map.of("key", parsed));
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
