package io.gatehouse.dataplane.supplychain;

import io.gatehouse.engine.supplychain.ToolPin;
import io.gatehouse.engine.supplychain.ToolPinSet;
import io.gatehouse.engine.supplychain.UnpinnedToolPolicy;
import io.gatehouse.protocol.bundle.McpServer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link ToolPinGuard} per upstream server id, living across bundles: when a bundle brings other pins for
 * a server, its guard takes them over ({@link ToolPinGuard#replacePins}) and re-checks the tools the server
 * last announced, so an approval takes effect without waiting for the next {@code tools/list}.
 *
 * <p>A managed server (the bundle carries its {@code approval}) hides and refuses every tool without a pin,
 * also on first sight: tools become callable only after an admin approved them. An unmanaged server (a bundle
 * written before tool approval) is not pinned; its guard only refuses tools the poisoning scan blocked.
 */
public final class ToolPinRegistry {

    private record Entry(List<io.gatehouse.protocol.bundle.ToolPin> source, ToolPinGuard guard) {}

    private final ConcurrentHashMap<String, Entry> guards = new ConcurrentHashMap<>();

    /** The guard of {@code server}, with the server's current pins in force. */
    public ToolPinGuard guard(McpServer server) {
        Objects.requireNonNull(server, "server");
        List<io.gatehouse.protocol.bundle.ToolPin> pins = server.toolPins();
        return guards.compute(server.id(), (id, entry) -> {
                    if (entry == null) {
                        return new Entry(pins, new ToolPinGuard(pinSet(server)));
                    }
                    if (!entry.source().equals(pins)) {
                        entry.guard().replacePins(pinSet(server));
                        return new Entry(pins, entry.guard());
                    }
                    return entry;
                })
                .guard();
    }

    static ToolPinSet pinSet(McpServer server) {
        List<ToolPin> pins = server.toolPins().stream()
                .map(p -> ToolPin.of(p.name(), p.fingerprint()))
                .toList();
        return ToolPinSet.of(pins, server.managed() ? UnpinnedToolPolicy.HIDE : UnpinnedToolPolicy.ALLOW);
    }
}
