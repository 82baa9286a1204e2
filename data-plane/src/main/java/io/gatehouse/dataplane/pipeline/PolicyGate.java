package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import io.gatehouse.dataplane.policy.PolicyRuntime;
import io.gatehouse.engine.match.RequestContext;
import io.gatehouse.engine.policy.PolicyDecision;
import io.gatehouse.engine.policy.PolicyEngine;
import io.gatehouse.protocol.bundle.PolicyRule.Effect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;

/**
 * Step 6: the per-tool scope check, then contextual policy: asks the bundle's {@link PolicyEngine} about every JSON-RPC request
 * and records the decision (shadow part included) on the exchange for the audit record. An
 * enforced deny is answered with 403 and a JSON-RPC error naming the rule and reason; a shadow
 * rule that would deny is only counted and recorded.
 */
public final class PolicyGate implements Gate {

    private final Gate scopes;
    private final PolicyRuntime runtime;
    private final OpenStreams streams;
    private final Clock clock;

    /**
     * @param scopes the per-tool scope check, run first
     * @param runtime the compiled policy of the bundle in force
     * @param streams where admitted requests are tracked so that kill switches can close them
     * @param clock the time policy rules see
     */
    public PolicyGate(Gate scopes, PolicyRuntime runtime, OpenStreams streams, Clock clock) {
        this.scopes = scopes;
        this.runtime = runtime;
        this.streams = streams;
        this.clock = clock;
    }

    @Override
    public Refusal check(McpExchange exchange) throws Exception {
        Refusal refusal = scopes.check(exchange);
        if (refusal == null) {
            refusal = decide(exchange);
        }
        if (refusal == null) {
            exchange.trackIn(streams);
        }
        return refusal;
    }

    private Refusal decide(McpExchange exchange) {
        Request request = exchange.request();
        JsonRpcMessage message = exchange.message();
        if (message == null || message.kind() != JsonRpcMessage.Kind.REQUEST) {
            return null;
        }
        PolicyRuntime.Compiled compiled = runtime.current();
        if (compiled == null) {
            return Refusal.of(ErrorKey.NOT_READY, "no policy is in force yet");
        }
        PolicyDecision decision = compiled.policies().decide(context(exchange, request));
        exchange.policyDecision(decision);
        if (decision.shadow().map(s -> s.effect() == Effect.DENY).orElse(false)) {
            runtime.countShadowDenial();
        }
        if (decision.allowed()) {
            return null;
        }
        runtime.countDenial();
        boolean argument = decision.ruleId().contains(":") && !decision.reason().startsWith("POLICY_");
        return Refusal.of(argument ? ErrorKey.ARGUMENT_DENIED : ErrorKey.POLICY_DENIED, decision.message())
                .withDetail(decision.reason())
                .withData("ruleId", decision.ruleId())
                .withData("bundleVersion", decision.bundleVersion());
    }

    private RequestContext context(McpExchange exchange, Request request) {
        JsonRpcMessage message = exchange.message();
        RequestContext.Builder builder = RequestContext.builder(
                exchange.route().server().id(), message.method(), sourceAddress(request), clock.instant());
        Principal principal = exchange.principal();
        if (principal != null) {
            builder.principal(
                    principal.subject(),
                    principal.issuer(),
                    principal.clientId(),
                    new LinkedHashSet<>(principal.groups()),
                    exchange.effectiveScopes(),
                    principal.claims());
        }
        if (message.isRequest("tools/call") && message.toolName() != null) {
            builder.toolName(message.toolName());
            builder.arguments(message.arguments());
        }
        if (message.resourceUri() != null) {
            builder.resourceUri(message.resourceUri());
        }
        return builder.headers(headers(request)).build();
    }

    private static InetAddress sourceAddress(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            String name = field.getLowerCaseName();
            if (name.equals("authorization") || name.equals("cookie")) {
                continue; // credentials are never policy input
            }
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }
}
