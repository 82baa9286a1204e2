package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.bundle.Route;
import io.gatehouse.dataplane.supplychain.ToolPinGuard;
import io.gatehouse.dataplane.supplychain.ToolPinRegistry;
import io.gatehouse.protocol.bundle.McpServer;
import java.util.Optional;

/**
 * Step 8a: the server allowlist and tool pins. A managed server (its bundle entry carries an approval) that
 * is not {@code approved} refuses every request; a {@code tools/call} of a managed server needs a tool that
 * the last checked {@code tools/list} showed as pinned and unchanged; before the first list and after
 * {@code list_changed} the agent fetches and checks the list itself ({@code ToolPinRegistry#refusal}), and
 * refuses when it cannot (fail closed). On any server, a tool whose definition the poisoning scan blocked is refused.
 */
public final class SupplyChainGate implements Gate {

    private final ToolPinRegistry pins;

    public SupplyChainGate(ToolPinRegistry pins) {
        this.pins = pins;
    }

    @Override
    public Refusal check(McpExchange exchange) {
        Route route = exchange.route();
        if (route == null) {
            return null;
        }
        McpServer server = route.server();
        if (server.managed() && server.approval() != McpServer.Approval.APPROVED) {
            return server.approval() == McpServer.Approval.BLOCKED
                    ? Refusal.of(ErrorKey.SERVER_BLOCKED, "server '" + server.slug() + "' is blocked by an admin")
                    : Refusal.of(
                            ErrorKey.SERVER_NOT_APPROVED,
                            "server '" + server.slug() + "' is pending approval by an admin");
        }
        if (exchange.message() == null || !exchange.message().isRequest("tools/call")) {
            return null;
        }
        String tool = exchange.message().toolName();
        Optional<String> refusal = pins.refusal(route, exchange.principal(), exchange.bearerToken(), tool);
        if (!server.managed()) {
            refusal = refusal.filter(ToolPinGuard.POISONED::equals);
        }
        return refusal.map(key -> refusal(key, tool)).orElse(null);
    }

    static Refusal refusal(String key, String tool) {
        ErrorKey error = ErrorKey.valueOf(key);
        String message = switch (error) {
            case TOOL_PINS_STALE ->
                "the gateway could not verify this server's tool list (it did not answer tools/list in time, or its"
                        + " tools changed meanwhile); retry shortly";
            case TOOL_CHANGED_PENDING_APPROVAL ->
                "tool '" + tool
                        + "' changed since it was approved; it is unavailable until an admin approves the change";
            case TOOL_NOT_APPROVED -> "tool '" + tool + "' is not approved by an admin";
            case TOOL_DUPLICATE_NAME -> "the server announces more than one tool named '" + tool + "'";
            case TOOL_NOT_LISTED -> "tool '" + tool + "' is not in the server's tool list";
            case TOOL_POISONED -> "tool '" + tool + "' is blocked: its definition contains hidden instructions";
            default -> "tool '" + tool + "' is refused";
        };
        return Refusal.of(error, message);
    }
}
