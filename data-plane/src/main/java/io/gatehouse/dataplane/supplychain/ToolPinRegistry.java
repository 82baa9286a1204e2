package io.gatehouse.dataplane.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.bundle.Route;
import io.gatehouse.dataplane.upstream.UpstreamCredentialException;
import io.gatehouse.engine.supplychain.PoisoningScanner;
import io.gatehouse.engine.supplychain.ToolPin;
import io.gatehouse.engine.supplychain.ToolPinSet;
import io.gatehouse.engine.supplychain.UnpinnedToolPolicy;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.tools.ToolDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ToolPinGuard} per upstream server id, living across bundles: when a bundle brings other pins for
 * a server, its guard takes them over ({@link ToolPinGuard#replacePins}) and re-checks the tools the server
 * last announced, so an approval takes effect without waiting for the next {@code tools/list}.
 *
 * <p>A managed server (the bundle carries its {@code approval}) hides and refuses every tool without a pin,
 * also on first sight: tools become callable only after an admin approved them. An unmanaged server (a bundle
 * written before tool approval) is not pinned; its guard only refuses tools the poisoning scan blocked.
 *
 * <p>With an {@link UpstreamToolLister}, a {@code tools/call} to a managed server whose list has not been checked
 * yet (after start, or after {@code list_changed}) first fetches and checks the list itself ({@link #refusal});
 * every checked list is handed to the {@link ToolDiscoveryListener}, if one is set (the fleet agent reports it).
 */
public final class ToolPinRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ToolPinRegistry.class);

    private static final class Entry {
        final List<io.gatehouse.protocol.bundle.ToolPin> source;
        final ToolPinGuard guard;
        volatile McpServer server;

        Entry(List<io.gatehouse.protocol.bundle.ToolPin> source, ToolPinGuard guard, McpServer server) {
            this.source = source;
            this.guard = guard;
            this.server = server;
        }
    }

    private final ConcurrentHashMap<String, Entry> guards = new ConcurrentHashMap<>();
    private final UpstreamToolLister lister;
    private final PoisoningScanner scanner;
    private volatile ToolDiscoveryListener listener;

    /** A registry that never fetches lists itself: calls wait for a client's {@code tools/list}. */
    public ToolPinRegistry() {
        this(null, PoisoningScanner.defaults());
    }

    /**
     * @param lister fetches a server's list when a call finds none checked (null: never)
     * @param scanner scans fetched definitions, as the response path does
     */
    public ToolPinRegistry(UpstreamToolLister lister, PoisoningScanner scanner) {
        this.lister = lister;
        this.scanner = Objects.requireNonNull(scanner, "scanner");
    }

    /** Where checked lists go from now on (replaces the previous listener). */
    public void onDiscovered(ToolDiscoveryListener listener) {
        this.listener = listener;
    }

    /** The guard of {@code server}, with the server's current pins in force. */
    public ToolPinGuard guard(McpServer server) {
        Objects.requireNonNull(server, "server");
        List<io.gatehouse.protocol.bundle.ToolPin> pins = server.toolPins();
        Entry entry = guards.compute(server.id(), (id, current) -> {
            if (current == null) {
                return new Entry(pins, new ToolPinGuard(pinSet(server), tools -> announced(id, tools)), server);
            }
            if (!current.source.equals(pins)) {
                current.guard.replacePins(pinSet(server));
                return new Entry(pins, current.guard, server);
            }
            current.server = server;
            return current;
        });
        return entry.guard;
    }

    /**
     * Whether a {@code tools/call} of {@code tool} on {@code route} is refused (its stable key) or may proceed.
     * On a managed server with no checked list, the list is fetched from the upstream first (with the credential
     * for {@code caller}), one fetch per server at a time, waiting at most the lister's timeout; when that fails
     * the call is refused with {@link ToolPinGuard#STALE} (fail closed).
     */
    public Optional<String> refusal(Route route, Principal caller, String callerToken, String tool) {
        McpServer server = route.server();
        ToolPinGuard guard = guard(server);
        if (lister != null && server.managed() && guard.needsRecheck()) {
            boolean checked = guard.ensureChecked(() -> fetch(route, caller, callerToken), lister.timeout());
            if (!checked) {
                LOG.warn("route {}: tool list not verified in time; tools/call refused", route.slug());
            }
        }
        return guard.refusal(tool);
    }

    private ToolPinGuard.Listed fetch(Route route, Principal caller, String callerToken) {
        Map<String, String> headers;
        try {
            if (route.credential() == null) {
                throw new UpstreamCredentialException(route.credentialProblem());
            }
            headers = route.credential().headers(caller, callerToken);
        } catch (UpstreamCredentialException e) {
            LOG.warn("route {}: cannot fetch tools/list: upstream credential unavailable", route.slug());
            throw new IllegalStateException("upstream credential unavailable", e);
        }
        JsonNode tools;
        try {
            tools = lister.list(route.upstreamUrl(), headers);
        } catch (UpstreamToolLister.ToolListException e) {
            LOG.warn("route {}: cannot fetch tools/list: {}", route.slug(), e.getMessage());
            throw e;
        }
        List<ToolDefinition> valid = new ArrayList<>();
        Set<String> poisoned = new HashSet<>();
        for (JsonNode node : tools) {
            ToolDefinition definition;
            try {
                definition = ToolDefinition.parse(node);
            } catch (IllegalArgumentException e) {
                continue; // hidden, as on the response path
            }
            valid.add(definition);
            if (scanner.scanDefinition(definition).blocked()) {
                poisoned.add(definition.name());
            }
        }
        LOG.info("route {}: fetched and checked tools/list ({} tools)", route.slug(), valid.size());
        return new ToolPinGuard.Listed(valid, poisoned);
    }

    private void announced(String serverId, List<ToolDefinition> tools) {
        ToolDiscoveryListener current = listener;
        Entry entry = guards.get(serverId);
        if (current != null && entry != null) {
            try {
                current.announced(entry.server, tools);
            } catch (RuntimeException e) {
                LOG.warn("tool discovery listener failed: {}", e.toString());
            }
        }
    }

    static ToolPinSet pinSet(McpServer server) {
        List<ToolPin> pins = server.toolPins().stream()
                .map(p -> ToolPin.of(p.name(), p.fingerprint()))
                .toList();
        return ToolPinSet.of(pins, server.managed() ? UnpinnedToolPolicy.HIDE : UnpinnedToolPolicy.ALLOW);
    }
}
