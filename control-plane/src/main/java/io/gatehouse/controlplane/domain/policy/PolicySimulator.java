package io.gatehouse.controlplane.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.domain.registry.ServerEntity;
import io.gatehouse.engine.match.IpAddresses;
import io.gatehouse.engine.match.RequestContext;
import io.gatehouse.engine.policy.PolicyDecision;
import io.gatehouse.engine.policy.PolicyEngine;
import io.gatehouse.engine.policy.PolicySet;
import io.gatehouse.protocol.api.Effect;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicySimulation;
import io.gatehouse.protocol.api.PolicySimulationRequest;
import io.gatehouse.protocol.api.SimulatedPrincipal;
import io.gatehouse.protocol.bundle.PolicyRule;
import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * {@code POST /api/v1/policies:simulate}: compiles the tenant's current enabled policies with the
 * engine the agents run ({@link PolicyEngine}) and decides one described call. Nothing is stored.
 */
public final class PolicySimulator {

    private static final Pattern METHOD = Pattern.compile("[a-z]+(/[a-zA-Z]+)*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public PolicySimulator(Clock clock) {
        this.clock = clock;
    }

    public PolicySimulation simulate(Session session, PolicySimulationRequest call) {
        Validation v = new Validation();
        if (call == null) {
            v.error("body", "is required").throwIfInvalid();
        }
        String server = serverId(session, call.serverId(), v);
        String method = call.method() == null ? "tools/call" : call.method();
        v.matches("method", method, METHOD, "an MCP method such as tools/call");
        if (method.equals("tools/call")) {
            v.text("tool", call.tool(), 128);
        }
        InetAddress source = InetAddress.getLoopbackAddress();
        if (call.sourceIp() != null) {
            source = IpAddresses.parse(call.sourceIp())
                    .map(IpAddresses::toInetAddress)
                    .orElse(null);
            if (source == null) {
                v.error("sourceIp", "'" + Validation.clip(call.sourceIp()) + "' is not an IPv4 or IPv6 address");
            }
        }
        if (call.arguments() != null
                && !call.arguments().isObject()
                && !call.arguments().isNull()) {
            v.error("arguments", "must be a JSON object");
        }
        if (call.principal() != null
                && call.principal().claims() != null
                && !call.principal().claims().isObject()
                && !call.principal().claims().isNull()) {
            v.error("principal.claims", "must be a JSON object");
        }
        v.throwIfInvalid();

        List<Policy> policies = session.createQuery("from PolicyEntity e", PolicyEntity.class).getResultList().stream()
                .map(ApiMapper::policy)
                .toList();
        List<PolicyRule> rules = PolicyBundleMapping.rules(policies);
        PolicyRule.Effect policyDefault = PolicySet.impliedDefault(rules);
        PolicyEngine engine = PolicyEngine.compile(new PolicySet(0, rules, List.of(), policyDefault));

        RequestContext.Builder context =
                RequestContext.builder(server, method, source, call.time() == null ? clock.instant() : call.time());
        SimulatedPrincipal p = call.principal();
        if (p != null) {
            context.principal(
                    p.subject(),
                    p.issuer(),
                    p.clientId(),
                    p.groups() == null ? java.util.Set.of() : new LinkedHashSet<>(p.groups()),
                    p.scopes() == null ? java.util.Set.of() : new LinkedHashSet<>(p.scopes()),
                    claims(p.claims(), v));
        }
        if (method.equals("tools/call")) {
            context.toolName(call.tool());
            context.arguments(call.arguments());
        }
        if (call.resourceUri() != null) {
            context.resourceUri(call.resourceUri());
        }
        if (call.headers() != null) {
            context.headers(call.headers());
        }
        PolicyDecision decision = engine.decide(context.build());
        return new PolicySimulation(
                decision.allowed(),
                effect(decision.effect()),
                decision.ruleId(),
                decision.reason(),
                decision.message(),
                decision.matched(),
                decision.shadow()
                        .map(s -> new PolicySimulation.ShadowDecision(
                                s.ruleId(), effect(s.effect()), s.reason(), s.matched()))
                        .orElse(null),
                effect(policyDefault),
                rules.size());
    }

    private static String serverId(Session session, String raw, Validation v) {
        if (!v.text("serverId", raw, 64)) {
            return "";
        }
        UUID id;
        try {
            id = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            v.error("serverId", "'" + Validation.clip(raw) + "' is not a server id");
            return "";
        }
        boolean exists = !session.createQuery("from ServerEntity e where e.id = :id", ServerEntity.class)
                .setParameter("id", id)
                .getResultList()
                .isEmpty();
        if (!exists) {
            v.error("serverId", "no such server");
        }
        return id.toString();
    }

    /** Claims as the agent holds them after token validation: JSON values as Java values. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(JsonNode claims, Validation v) {
        if (claims == null || claims.isNull()) {
            return Map.of();
        }
        return JSON.convertValue(claims, Map.class);
    }

    private static Effect effect(PolicyRule.Effect effect) {
        return effect == PolicyRule.Effect.DENY ? Effect.DENY : Effect.ALLOW;
    }
}
