package io.gatehouse.controlplane.domain.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.domain.fleet.AgentEntity;
import io.gatehouse.controlplane.persistence.Json;
import io.gatehouse.engine.supplychain.Finding;
import io.gatehouse.engine.supplychain.PoisoningScanner;
import io.gatehouse.engine.supplychain.ScanAction;
import io.gatehouse.engine.supplychain.ScanReport;
import io.gatehouse.protocol.api.DiscoveredTool;
import io.gatehouse.protocol.api.PinnedTool;
import io.gatehouse.protocol.api.ServerTools;
import io.gatehouse.protocol.api.ToolApproval;
import io.gatehouse.protocol.api.ToolFinding;
import io.gatehouse.protocol.api.ToolPinRef;
import io.gatehouse.protocol.api.ToolPinState;
import io.gatehouse.protocol.api.ToolReport;
import io.gatehouse.protocol.bundle.ToolPin;
import io.gatehouse.protocol.fleet.DiscoveredTools;
import io.gatehouse.protocol.tools.ToolDefinition;
import io.gatehouse.protocol.tools.ToolDiff;
import io.gatehouse.protocol.tools.ToolFingerprint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's tools: what it announces (discovered: reported by the agents that see its {@code tools/list}, or
 * with {@code PUT}), what an admin approved (pins),
 * the diff between them and the poisoning scan of each definition, with the same engine the data plane runs.
 * Approving pins exactly the reviewed set; the bundle compiler reads the result through {@link #pins} /
 * {@link #pinsByServer}.
 */
public final class ServerToolsService {

    private static final Logger LOG = LoggerFactory.getLogger(ServerToolsService.class);

    /** Most tools one report may hold. */
    public static final int MAX_TOOLS = 1000;

    private final ActivityLog activity;
    private final ServerService servers;
    private final PoisoningScanner scanner = PoisoningScanner.defaults();

    public ServerToolsService(ActivityLog activity, ServerService servers) {
        this.activity = Objects.requireNonNull(activity, "activity");
        this.servers = Objects.requireNonNull(servers, "servers");
    }

    /** Discovered against pinned, with the diff and scan findings; 404 for an unknown (or foreign) server. */
    public ServerTools view(Session session, UUID serverId) {
        ServerEntity server = servers.load(session, serverId);
        return view(server, discovered(session, serverId), pinned(session, serverId));
    }

    /** Replaces the discovered set with a server's complete tool list. */
    public ServerTools report(Session session, Caller caller, UUID serverId, ToolReport report) {
        ServerEntity server = servers.load(session, serverId);
        Map<String, ToolDefinition> tools = parseReport(report);
        Replaced replaced = replaceDiscovered(session, caller.tenantId(), serverId, tools);
        activity.record(
                session, caller, "report-tools", "server", serverId.toString(), replaced.before(), replaced.after());
        return view(server, replaced.now(), pinned(session, serverId));
    }

    /**
     * Stores the tool list an agent reported on its status topic ({@link DiscoveredTools}) as the server's
     * discovered set, recorded in the activity log when it changed. Dropped (false, nothing changed) when the
     * agent is unknown or revoked, the server is not one of the tenant's, or the list is malformed; every
     * fingerprint is recomputed here, the agent's is only compared.
     */
    public boolean ingestDiscovered(Session session, UUID tenantId, DiscoveredTools message) {
        UUID agentId = uuid(message.agentId());
        UUID serverId = uuid(message.serverId());
        if (agentId == null || serverId == null || message.tools().size() > DiscoveredTools.MAX_TOOLS) {
            LOG.warn(
                    "tenant {}: discovered-tools report with a bad agent or server id, or too many tools, dropped",
                    tenantId);
            return false;
        }
        List<AgentEntity> agents = session.createQuery("from AgentEntity e where e.id = :id", AgentEntity.class)
                .setParameter("id", agentId)
                .getResultList();
        if (agents.isEmpty() || agents.get(0).getRevokedAt() != null) {
            LOG.warn("tenant {}: discovered-tools report from unknown or revoked agent {} dropped", tenantId, agentId);
            return false;
        }
        List<ServerEntity> found = session.createQuery("from ServerEntity e where e.id = :id", ServerEntity.class)
                .setParameter("id", serverId)
                .getResultList();
        if (found.isEmpty()) {
            LOG.warn("tenant {}: discovered-tools report for unknown server {} dropped", tenantId, serverId);
            return false;
        }
        Map<String, ToolDefinition> tools = new LinkedHashMap<>();
        for (DiscoveredTools.Tool tool : message.tools()) {
            ToolDefinition definition;
            try {
                definition = ToolDefinition.parse(tool == null ? null : tool.definition());
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "tenant {}: discovered-tools report for server {} has a malformed tool; dropped",
                        tenantId,
                        serverId);
                return false;
            }
            if (tools.putIfAbsent(definition.name(), definition) != null) {
                LOG.warn(
                        "tenant {}: discovered-tools report for server {} names a tool twice; dropped",
                        tenantId,
                        serverId);
                return false;
            }
            if (!ToolFingerprint.of(definition).value().equals(tool.fingerprint())) {
                LOG.warn(
                        "tenant {}: agent {} fingerprints tool '{}' of server {} differently (another engine version?);"
                                + " the control plane's fingerprint is stored",
                        tenantId,
                        agentId,
                        Validation.clip(definition.name()),
                        serverId);
            }
        }
        Replaced replaced = replaceDiscovered(session, tenantId, serverId, tools);
        if (!replaced.before().equals(replaced.after())) {
            activity.recordWithoutUser(
                    session,
                    tenantId,
                    null,
                    "discover-tools",
                    "server",
                    serverId.toString(),
                    replaced.before(),
                    replaced.after());
            LOG.info(
                    "tenant {}: agent {} reported {} tools of server {} ({} changed)",
                    tenantId,
                    agentId,
                    tools.size(),
                    serverId,
                    changedCount(replaced.before(), replaced.after()));
            return true;
        }
        return false;
    }

    private record Replaced(List<ToolPinRef> before, List<ToolPinRef> after, List<DiscoveredToolEntity> now) {}

    private Replaced replaceDiscovered(
            Session session, UUID tenantId, UUID serverId, Map<String, ToolDefinition> tools) {
        List<DiscoveredToolEntity> existing = discovered(session, serverId);
        List<ToolPinRef> before = refs(existing);
        Map<String, DiscoveredToolEntity> byName = new HashMap<>();
        for (DiscoveredToolEntity e : existing) {
            if (tools.containsKey(e.getName())) {
                byName.put(e.getName(), e);
            } else {
                session.remove(e);
            }
        }
        for (ToolDefinition tool : tools.values()) {
            DiscoveredToolEntity e = byName.get(tool.name());
            String fingerprint = ToolFingerprint.of(tool).value();
            boolean created = e == null;
            if (created) {
                e = new DiscoveredToolEntity(tenantId, serverId, tool.name());
            } else if (e.getFingerprint().equals(fingerprint)) {
                continue; // unchanged: keep its discovery time
            } else {
                e.touch();
            }
            e.setFingerprint(fingerprint);
            e.setDefinition(Json.write(tool.toJson()));
            if (created) {
                session.persist(e);
            }
        }
        session.flush();
        List<DiscoveredToolEntity> now = discovered(session, serverId);
        return new Replaced(before, refs(now), now);
    }

    private static long changedCount(List<ToolPinRef> before, List<ToolPinRef> after) {
        Set<ToolPinRef> old = new HashSet<>(before);
        return after.stream().filter(r -> !old.contains(r)).count()
                + before.stream().filter(r -> !after.contains(r)).count();
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Pins exactly the reviewed set. Every entry must name a discovered tool with its current fingerprint
     * (409 otherwise: the server changed since the review), and no definition the scan blocks may be pinned.
     */
    public ServerTools approve(Session session, Caller caller, UUID serverId, ToolApproval approval) {
        ServerEntity server = servers.load(session, serverId);
        List<DiscoveredToolEntity> discovered = discovered(session, serverId);
        Map<String, DiscoveredToolEntity> discoveredByName = new HashMap<>();
        discovered.forEach(d -> discoveredByName.put(d.getName(), d));
        Validation v = new Validation();
        if (approval == null || approval.tools() == null) {
            throw ApiException.validation(List.of(new io.gatehouse.protocol.api.FieldError(
                    "tools", "is required: the names and fingerprints you reviewed")));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < approval.tools().size(); i++) {
            ToolPinRef ref = approval.tools().get(i);
            String path = "tools[" + i + "]";
            if (ref == null) {
                v.error(path, "must not be null");
                continue;
            }
            if (!v.required(path + ".name", ref.name()) | !v.required(path + ".fingerprint", ref.fingerprint())) {
                continue;
            }
            if (!names.add(ref.name())) {
                v.error(path + ".name", "duplicate '" + Validation.clip(ref.name()) + "'");
            }
        }
        v.throwIfInvalid();
        for (int i = 0; i < approval.tools().size(); i++) {
            ToolPinRef ref = approval.tools().get(i);
            DiscoveredToolEntity d = discoveredByName.get(ref.name());
            if (d == null || !d.getFingerprint().equals(ref.fingerprint())) {
                throw ApiException.conflict(
                        "tools[" + i + "]",
                        "tool '" + Validation.clip(ref.name()) + "' is not discovered with fingerprint "
                                + Validation.clip(ref.fingerprint()) + "; the server's tools changed since your"
                                + " review: reload them and review again");
            }
            ScanReport scan = scanner.scanDefinition(ToolDefinition.parse(Json.tree(d.getDefinition())));
            if (scan.blocked()) {
                Finding first = scan.findings().stream()
                        .filter(f -> f.action() == ScanAction.BLOCK)
                        .findFirst()
                        .orElseThrow();
                v.error(
                        "tools[" + i + "]",
                        "tool '" + Validation.clip(ref.name()) + "' cannot be approved: the poisoning scan blocks it ("
                                + first.id() + " at " + first.pointer() + "); the data plane would hide it anyway");
            }
        }
        v.throwIfInvalid();
        List<ToolPinEntity> pins = pinned(session, serverId);
        List<ToolPinRef> before = pinRefs(pins);
        Map<String, ToolPinEntity> pinByName = new HashMap<>();
        for (ToolPinEntity p : pins) {
            if (names.contains(p.getName())) {
                pinByName.put(p.getName(), p);
            } else {
                session.remove(p);
            }
        }
        for (ToolPinRef ref : approval.tools()) {
            DiscoveredToolEntity d = discoveredByName.get(ref.name());
            ToolPinEntity p = pinByName.get(ref.name());
            boolean created = p == null;
            if (created) {
                p = new ToolPinEntity(caller.tenantId(), serverId, ref.name());
            } else {
                p.touch();
            }
            p.setFingerprint(d.getFingerprint());
            p.setDefinition(d.getDefinition());
            p.setApprovedBy(caller.userId());
            if (created) {
                session.persist(p);
            }
        }
        session.flush();
        List<ToolPinEntity> now = pinned(session, serverId);
        activity.record(session, caller, "approve-tools", "server", serverId.toString(), before, pinRefs(now));
        return view(server, discovered, now);
    }

    /** A server's approval status and pins, for the bundle compiler; 404 for an unknown (or foreign) server. */
    public ServerPins pins(Session session, UUID serverId) {
        ServerEntity server = servers.load(session, serverId);
        return new ServerPins(serverId, server.getStatus(), toolPins(pinned(session, serverId)));
    }

    /** {@link #pins} of every server of the session's tenant, by server id (one query per table). */
    public Map<UUID, ServerPins> pinsByServer(Session session) {
        return pinsOf(session);
    }

    /** {@link #pinsByServer}, for the bundle compiler's loader (no service state needed). */
    public static Map<UUID, ServerPins> pinsOf(Session session) {
        Map<UUID, List<ToolPinEntity>> pins = new HashMap<>();
        for (ToolPinEntity p : session.createQuery("from ToolPinEntity e order by e.name", ToolPinEntity.class)
                .getResultList()) {
            pins.computeIfAbsent(p.getServerId(), k -> new ArrayList<>()).add(p);
        }
        Map<UUID, ServerPins> out = new LinkedHashMap<>();
        for (ServerEntity s :
                session.createQuery("from ServerEntity e", ServerEntity.class).getResultList()) {
            out.put(
                    s.getId(),
                    new ServerPins(s.getId(), s.getStatus(), toolPins(pins.getOrDefault(s.getId(), List.of()))));
        }
        return out;
    }

    private static List<ToolPin> toolPins(List<ToolPinEntity> pins) {
        return pins.stream()
                .map(p -> new ToolPin(p.getName(), p.getFingerprint()))
                .toList();
    }

    private Map<String, ToolDefinition> parseReport(ToolReport report) {
        if (report == null || report.tools() == null) {
            throw ApiException.validation(
                    List.of(new io.gatehouse.protocol.api.FieldError("tools", "is required (may be empty)")));
        }
        Validation v = new Validation();
        if (report.tools().size() > MAX_TOOLS) {
            v.error("tools", "has " + report.tools().size() + " entries (expected: at most " + MAX_TOOLS + ")");
            v.throwIfInvalid();
        }
        Map<String, ToolDefinition> tools = new LinkedHashMap<>();
        for (int i = 0; i < report.tools().size(); i++) {
            JsonNode node = report.tools().get(i);
            String path = "tools[" + i + "]";
            if (node == null || node.isNull() || node.isMissingNode()) {
                v.error(path, "must not be null");
                continue;
            }
            try {
                ToolDefinition tool = ToolDefinition.parse(node);
                if (tools.putIfAbsent(tool.name(), tool) != null) {
                    v.error(path + ".name", "duplicate '" + Validation.clip(tool.name()) + "'");
                }
            } catch (IllegalArgumentException e) {
                v.error(path, e.getMessage());
            }
        }
        v.throwIfInvalid();
        return tools;
    }

    private ServerTools view(ServerEntity server, List<DiscoveredToolEntity> discovered, List<ToolPinEntity> pinned) {
        Map<String, ToolPinEntity> pinByName = new HashMap<>();
        pinned.forEach(p -> pinByName.put(p.getName(), p));
        List<DiscoveredTool> tools = new ArrayList<>();
        List<ToolDefinition> announced = new ArrayList<>();
        for (DiscoveredToolEntity d : discovered) {
            JsonNode json = Json.tree(d.getDefinition());
            ToolDefinition definition = ToolDefinition.parse(json);
            announced.add(definition);
            ToolPinEntity pin = pinByName.get(d.getName());
            ToolPinState state = pin == null
                    ? ToolPinState.NEW
                    : pin.getFingerprint().equals(d.getFingerprint()) ? ToolPinState.PINNED : ToolPinState.CHANGED;
            List<ToolFinding> findings = scanner.scanDefinition(definition).findings().stream()
                    .map(f -> new ToolFinding(
                            f.id().name(), f.severity().name(), f.action().name(), f.pointer()))
                    .toList();
            tools.add(new DiscoveredTool(d.getName(), d.getFingerprint(), state, json, findings));
        }
        List<PinnedTool> pins = new ArrayList<>();
        List<ToolDefinition> approved = new ArrayList<>();
        for (ToolPinEntity p : pinned) {
            JsonNode json = Json.tree(p.getDefinition());
            approved.add(ToolDefinition.parse(json));
            pins.add(new PinnedTool(
                    p.getName(),
                    p.getFingerprint(),
                    json,
                    p.getUpdatedAt(),
                    p.getApprovedBy() == null ? null : p.getApprovedBy().toString()));
        }
        return new ServerTools(
                server.getId().toString(),
                server.getStatus(),
                tools,
                pins,
                ToolDiff.between(approved, announced).toJson(),
                latest(discovered.stream()
                        .map(DiscoveredToolEntity::getUpdatedAt)
                        .toList()),
                latest(pinned.stream().map(ToolPinEntity::getUpdatedAt).toList()));
    }

    private static Instant latest(List<Instant> times) {
        return times.stream().max(Comparator.naturalOrder()).orElse(null);
    }

    private static List<DiscoveredToolEntity> discovered(Session session, UUID serverId) {
        return session.createQuery(
                        "from DiscoveredToolEntity e where e.serverId = :server order by e.name",
                        DiscoveredToolEntity.class)
                .setParameter("server", serverId)
                .getResultList();
    }

    private static List<ToolPinEntity> pinned(Session session, UUID serverId) {
        return session.createQuery(
                        "from ToolPinEntity e where e.serverId = :server order by e.name", ToolPinEntity.class)
                .setParameter("server", serverId)
                .getResultList();
    }

    private static List<ToolPinRef> refs(List<DiscoveredToolEntity> tools) {
        return tools.stream()
                .map(t -> new ToolPinRef(t.getName(), t.getFingerprint()))
                .toList();
    }

    private static List<ToolPinRef> pinRefs(List<ToolPinEntity> pins) {
        return pins.stream()
                .map(t -> new ToolPinRef(t.getName(), t.getFingerprint()))
                .toList();
    }
}
