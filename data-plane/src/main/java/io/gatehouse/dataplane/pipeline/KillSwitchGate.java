package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.bundle.Route;
import io.gatehouse.protocol.bundle.KillSwitch;
import java.util.Optional;

/**
 * Step 5: kill switches of the bundle. A tenant- or server-wide switch stops every request to the
 * route except DELETE (ending a session stays possible); a tool switch stops calls of that tool.
 */
public final class KillSwitchGate implements Gate {

    @Override
    public Refusal check(McpExchange exchange) {
        Route route = exchange.route();
        Optional<KillSwitch> kill = Optional.empty();
        if (!"DELETE".equals(exchange.httpMethod())) {
            kill = route.routeKillSwitch();
        }
        if (kill.isEmpty() && exchange.message() != null && exchange.message().isRequest("tools/call")) {
            kill = route.killSwitchFor(exchange.message().toolName());
        }
        return kill.map(k -> Refusal.of(
                        ErrorKey.KILL_SWITCH_ENGAGED, "stopped by kill switch " + k.id() + ": " + k.reason()))
                .orElse(null);
    }
}
