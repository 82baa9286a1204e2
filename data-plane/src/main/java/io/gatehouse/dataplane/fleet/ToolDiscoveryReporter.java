package io.gatehouse.dataplane.fleet;

import io.gatehouse.dataplane.supplychain.ToolDiscoveryListener;
import io.gatehouse.engine.supplychain.Finding;
import io.gatehouse.engine.supplychain.PoisoningScanner;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.fleet.DiscoveredTools;
import io.gatehouse.protocol.tools.ToolDefinition;
import io.gatehouse.protocol.tools.ToolFingerprint;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the tool lists the agent checks into {@link DiscoveredTools} messages for the control plane, de-duplicated:
 * a managed server's list is queued the first time the agent sees it after start and again only when it changes
 * (a changed definition, a tool added or removed). Queued messages wait until the fleet worker sends them
 * ({@link #drain}); a newer list of the same server replaces one not sent yet. A list over
 * {@link DiscoveredTools#MAX_TOOLS} tools or {@link DiscoveredTools#MAX_BYTES} encoded bytes is not reported
 * (logged once per list). Thread-safe; {@link #announced} never blocks.
 */
final class ToolDiscoveryReporter implements ToolDiscoveryListener {

    private static final Logger LOG = LoggerFactory.getLogger(ToolDiscoveryReporter.class);

    private final EnrolledState state;
    private final LongSupplier bundleVersion;
    private final Clock clock;
    private final PoisoningScanner scanner = PoisoningScanner.defaults();
    private final Map<String, List<ToolDefinition>> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, byte[]> pending = new ConcurrentHashMap<>();

    ToolDiscoveryReporter(EnrolledState state, LongSupplier bundleVersion, Clock clock) {
        this.state = Objects.requireNonNull(state, "state");
        this.bundleVersion = Objects.requireNonNull(bundleVersion, "bundleVersion");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void announced(McpServer server, List<ToolDefinition> tools) {
        if (!server.managed()) {
            return; // only servers the control plane approves tools for
        }
        List<ToolDefinition> sorted = new ArrayList<>(tools);
        sorted.sort(Comparator.comparing(ToolDefinition::name));
        List<ToolDefinition> previous = lastSeen.put(server.id(), List.copyOf(sorted));
        if (sorted.equals(previous)) {
            return;
        }
        if (sorted.size() > DiscoveredTools.MAX_TOOLS) {
            LOG.warn(
                    "server {}: {} tools announced; not reported to the control plane (at most {})",
                    server.slug(),
                    sorted.size(),
                    DiscoveredTools.MAX_TOOLS);
            return;
        }
        byte[] json = encode(server, sorted);
        if (json.length > DiscoveredTools.MAX_BYTES) {
            LOG.warn(
                    "server {}: its tool list is {} bytes encoded; not reported to the control plane (at most {})",
                    server.slug(),
                    json.length,
                    DiscoveredTools.MAX_BYTES);
            return;
        }
        pending.put(server.id(), json);
        LOG.info(
                "server {}: tool list changed ({} tools); reporting it to the control plane",
                server.slug(),
                sorted.size());
    }

    /** Removes and returns the queued messages, by server id. */
    Map<String, byte[]> drain() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String id : List.copyOf(pending.keySet())) {
            byte[] json = pending.remove(id);
            if (json != null) {
                out.put(id, json);
            }
        }
        return out;
    }

    /** Puts a message back that could not be sent, unless a newer one of the same server is queued. */
    void requeue(String serverId, byte[] json) {
        pending.putIfAbsent(serverId, json);
    }

    private byte[] encode(McpServer server, List<ToolDefinition> tools) {
        List<DiscoveredTools.Tool> out = new ArrayList<>(tools.size());
        for (ToolDefinition tool : tools) {
            List<DiscoveredTools.Finding> findings = new ArrayList<>();
            for (Finding f : scanner.scanDefinition(tool).findings()) {
                findings.add(new DiscoveredTools.Finding(
                        f.id().name(), f.severity().name(), f.action().name(), f.pointer()));
            }
            out.add(new DiscoveredTools.Tool(
                    tool.name(), ToolFingerprint.of(tool).value(), tool.toJson(), findings));
        }
        DiscoveredTools message = new DiscoveredTools(
                state.agentId(), state.groupId(), server.id(), bundleVersion.getAsLong(), out, clock.instant());
        try {
            return FleetJson.MAPPER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode DiscoveredTools", e);
        }
    }
}
