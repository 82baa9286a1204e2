package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import io.gatehouse.dataplane.policy.PolicyRuntime;
import io.gatehouse.dataplane.ratelimit.RateLimitContext;
import io.gatehouse.dataplane.ratelimit.RateLimitDecision;

/**
 * Step 7: the bundle's rate limits. Every JSON-RPC request takes one token from each limit that
 * applies to its server and tool; a refusal is 429 {@code RATE_LIMITED} (or 503
 * {@code RATE_LIMIT_BACKEND_UNAVAILABLE} for a limit that fails closed while Redis is down) with
 * {@code Retry-After} and {@code retryAfterSeconds} in the JSON-RPC error's data.
 */
public final class RateLimitGate implements Gate {

    private final PolicyRuntime runtime;

    public RateLimitGate(PolicyRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Refusal check(McpExchange exchange) {
        JsonRpcMessage message = exchange.message();
        if (message == null || message.kind() != JsonRpcMessage.Kind.REQUEST) {
            return null;
        }
        PolicyRuntime.Compiled compiled = runtime.current();
        if (compiled == null || compiled.limits().size() == 0) {
            return null;
        }
        Principal principal = exchange.principal();
        RateLimitContext context = new RateLimitContext(
                compiled.tenant(),
                principal == null ? "" : principal.issuer() + " " + principal.subject(),
                principal == null || principal.clientId().isEmpty() ? null : principal.clientId(),
                exchange.route().server().id(),
                message.isRequest("tools/call") ? message.toolName() : null);
        if (!(compiled.limits().tryAcquire(context) instanceof RateLimitDecision.Denied denied)) {
            return null;
        }
        long seconds = denied.retryAfterSeconds();
        boolean backend = denied.reason() == RateLimitDecision.Reason.RATE_LIMIT_BACKEND_UNAVAILABLE;
        return Refusal.of(
                        backend ? ErrorKey.RATE_LIMIT_BACKEND_UNAVAILABLE : ErrorKey.RATE_LIMITED,
                        backend
                                ? "rate limit '" + denied.limitId() + "' cannot be checked right now; retry in "
                                        + seconds + " s"
                                : "rate limit '" + denied.limitId() + "' exceeded; retry in " + seconds + " s")
                .withHeader("Retry-After", Long.toString(seconds))
                .withData("limitId", denied.limitId())
                .withData("retryAfterSeconds", seconds);
    }
}
