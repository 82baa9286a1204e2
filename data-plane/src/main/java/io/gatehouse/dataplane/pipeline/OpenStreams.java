package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import io.gatehouse.protocol.bundle.Glob;
import io.gatehouse.protocol.bundle.KillSwitch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchanges currently held open towards an upstream (SSE streams above all), keyed by server,
 * so that a kill switch closes them: {@link #close(List)} aborts the upstream exchange of every
 * open request in a killed scope (tenant: all; server: that server's; tool: that server's calls of
 * a matching tool), and the relay then ends the client's stream. A request is tracked from the
 * moment its upstream request is sent until it completes.
 */
public final class OpenStreams {

    private static final Logger LOG = LoggerFactory.getLogger(OpenStreams.class);

    /** Why a stream was closed; what the relay sees as the upstream's failure. */
    static final class KilledException extends Exception {
        KilledException(String killSwitchId) {
            super("closed by kill switch " + killSwitchId, null, false, false);
        }
    }

    private final Map<String, Set<McpExchange>> byServer = new ConcurrentHashMap<>();

    private volatile List<KillSwitch> engaged = List.of();

    /** Tracks an exchange whose upstream request is in flight; closes it at once if already killed. */
    void add(McpExchange exchange) {
        String server = exchange.route().server().id();
        byServer.computeIfAbsent(server, k -> ConcurrentHashMap.newKeySet()).add(exchange);
        // a kill switch applied between the kill-switch gate and now must still close it
        closeIfKilled(server, exchange, engaged);
    }

    void remove(McpExchange exchange) {
        Set<McpExchange> open = byServer.get(exchange.route().server().id());
        if (open != null) {
            open.remove(exchange);
        }
    }

    /** Closes every open exchange in the scope of any of {@code killSwitches}; returns how many. */
    public int close(List<KillSwitch> killSwitches) {
        engaged = List.copyOf(killSwitches);
        int closed = 0;
        for (Map.Entry<String, Set<McpExchange>> server : byServer.entrySet()) {
            for (McpExchange exchange : server.getValue()) {
                if (closeIfKilled(server.getKey(), exchange, killSwitches)) {
                    closed++;
                }
            }
        }
        if (closed > 0) {
            LOG.info("kill switch: closed {} open upstream exchange(s)", closed);
        }
        return closed;
    }

    /** Open exchanges right now (metrics, tests). */
    public int size() {
        return byServer.values().stream().mapToInt(Set::size).sum();
    }

    private static boolean closeIfKilled(String serverId, McpExchange exchange, List<KillSwitch> killSwitches) {
        if ("DELETE".equals(exchange.httpMethod())) {
            return false; // ending a session stays possible under a kill switch
        }
        for (KillSwitch kill : killSwitches) {
            if (inScope(kill, serverId, exchange)) {
                exchange.outcome(Decision.DENY, ErrorKey.KILL_SWITCH_ENGAGED.name());
                return exchange.abortUpstream(new KilledException(kill.id()));
            }
        }
        return false;
    }

    private static boolean inScope(KillSwitch kill, String serverId, McpExchange exchange) {
        return switch (kill.scope()) {
            case TENANT -> true;
            case SERVER -> serverId.equals(kill.serverId());
            case TOOL -> {
                JsonRpcMessage message = exchange.message();
                yield serverId.equals(kill.serverId())
                        && message != null
                        && message.isRequest("tools/call")
                        && message.toolName() != null
                        && Glob.matches(kill.tool(), message.toolName());
            }
        };
    }
}
