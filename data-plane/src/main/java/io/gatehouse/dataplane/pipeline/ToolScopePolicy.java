package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.auth.BearerChallenge;
import io.gatehouse.dataplane.bundle.Route;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Step 6 (the policy seam; today the per-tool scope check): {@code tools/call} of a tool whose
 * bindings require scopes the caller lacks gets 403 {@code insufficient_scope} naming them; a tool
 * no binding matches on a route with {@code unboundTools: deny} gets 403 TOOL_NOT_PERMITTED.
 */
public final class ToolScopePolicy implements Gate {

    @Override
    public Refusal check(McpExchange exchange) {
        JsonRpcMessage message = exchange.message();
        if (message == null || !message.isRequest("tools/call")) {
            return null;
        }
        Route route = exchange.route();
        String tool = message.toolName();
        Optional<Set<String>> required = route.requiredScopesForTool(tool);
        if (required.isEmpty()) {
            return Refusal.of(ErrorKey.TOOL_NOT_PERMITTED, "tool '" + tool + "' is not available on this server");
        }
        if (exchange.effectiveScopes().containsAll(required.get())) {
            return null;
        }
        Set<String> challenge = new LinkedHashSet<>(required.get());
        return Refusal.of(
                        ErrorKey.INSUFFICIENT_SCOPE,
                        "tool '" + tool + "' needs scope " + String.join(" ", required.get()))
                .withHeader("WWW-Authenticate", BearerChallenge.insufficientScope(route.metadataUri(), challenge));
    }
}
