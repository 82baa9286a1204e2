package io.gatehouse.dataplane.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.dataplane.DataPlaneMain;
import io.gatehouse.dataplane.DataPlaneServer;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.support.RawMcp;
import io.gatehouse.dataplane.support.RecordingUpstream;
import io.gatehouse.devstack.EmbeddedPulsar;
import io.gatehouse.devstack.PulsarExtension;
import io.gatehouse.devstack.TokenAuth;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.fleet.AgentStatus;
import io.gatehouse.protocol.fleet.ConfigMessages;
import io.gatehouse.protocol.fleet.DiscoveredTools;
import io.gatehouse.protocol.fleet.PulsarTopics;
import io.gatehouse.protocol.fleet.StatusMessages;
import io.gatehouse.protocol.fleet.TrustSetChain;
import io.gatehouse.protocol.signing.KeyRing;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.common.policies.data.AuthAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against a real Pulsar broker with token authentication and authorization: enrolled through the fleet
 * contract, reading its tenant's compacted bundle topic with the agent role's token, bundles signed by a
 * {@link KeyRing} exactly as the control plane signs them, MCP calls through the agent to a real MCP server.
 */
@ExtendWith(PulsarExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {

    static final String GROUP = "edge";

    @TempDir
    static Path tmp;

    static EmbeddedPulsar pulsar;
    static String tenant;
    static PulsarTopics topics;
    static KeyRing ring;
    static final List<String> chain = new CopyOnWriteArrayList<>();
    static FakeControlPlane cp;
    static RecordingUpstream upstream;
    static PulsarClient superUser;
    static Producer<byte[]> configProducer;
    static final List<AgentStatus> statuses = new CopyOnWriteArrayList<>();
    static final List<DiscoveredTools> discovered = new CopyOnWriteArrayList<>();
    static Thread statusWatcher;
    static DataPlaneServer agent;

    @BeforeAll
    static void start(@TokenAuth EmbeddedPulsar broker) throws Exception {
        pulsar = broker;
        tenant = "fl" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        topics = new PulsarTopics(tenant);
        pulsar.createTenant(topics.pulsarTenant());
        pulsar.createNamespace(topics.configNamespace(), EmbeddedPulsar.RETAIN_FOREVER, 0);
        pulsar.createNamespace(topics.dataPlaneNamespace(), EmbeddedPulsar.RETAIN_FOREVER, 0);
        pulsar.grantNamespacePermission(topics.configNamespace(), topics.agentRole(), EnumSet.of(AuthAction.consume));
        pulsar.grantNamespacePermission(
                topics.dataPlaneNamespace(), topics.agentRole(), EnumSet.of(AuthAction.produce));

        ring = FleetFixtures.ring(tenant);
        chain.add(ring.trustSet().compact());
        cp = new FakeControlPlane(
                tenant, GROUP, () -> ring, chain, pulsar.brokerServiceUrl(), pulsar.createToken(topics.agentRole()));
        superUser = pulsar.newClient();
        configProducer = superUser
                .newProducer()
                .topic(topics.bundles())
                .enableBatching(false)
                .create();
        Reader<byte[]> statusReader = superUser
                .newReader()
                .topic(topics.status())
                .startMessageId(MessageId.earliest)
                .create();
        statusWatcher = Thread.ofVirtual().start(() -> {
            try (statusReader) {
                while (!Thread.currentThread().isInterrupted()) {
                    Message<byte[]> message = statusReader.readNext(200, TimeUnit.MILLISECONDS);
                    if (message != null
                            && StatusMessages.TYPE_DISCOVERED_TOOLS.equals(
                                    message.getProperty(StatusMessages.TYPE_PROPERTY))) {
                        DiscoveredTools report = FleetJson.MAPPER.readValue(message.getValue(), DiscoveredTools.class);
                        assertThat(message.getKey()).isEqualTo(report.agentId());
                        discovered.add(report);
                    } else if (message != null) {
                        assertThat(message.getProperty(StatusMessages.TYPE_PROPERTY))
                                .isEqualTo(StatusMessages.TYPE_STATUS);
                        AgentStatus status = FleetJson.MAPPER.readValue(message.getValue(), AgentStatus.class);
                        assertThat(message.getKey()).isEqualTo(status.agentId());
                        statuses.add(status);
                    }
                }
            } catch (Exception e) {
                // closed at the end
            }
        });
        upstream = RecordingUpstream.start();

        // enrollment from the config file, with the token from the environment
        String token = cp.issueToken();
        agent = startAgent("""
                fleet:
                  stateDir: %s
                  heartbeatInterval: 1s
                  enroll: {controlPlane: "%s", token: "${ENROLL_TOKEN}", name: it-agent}
                """.formatted(tmp.resolve("agent"), cp.url()), Map.of("ENROLL_TOKEN", token));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        statusWatcher.interrupt();
        configProducer.close();
        superUser.close();
        upstream.close();
        cp.close();
    }

    static DataPlaneServer startAgent(String fleetYaml, Map<String, String> env) throws Exception {
        DataPlaneConfig config =
                ConfigLoader.parse("""
                profile: test
                listener: {host: 127.0.0.1, port: 0}
                admin: {host: 127.0.0.1, port: 0}
                routes: {tools: {auth: off}}
                audit: {file: %s}
                """.formatted(tmp.resolve("audit.jsonl")) + fleetYaml, env::get, tmp);
        DataPlaneServer server = DataPlaneMain.create(config);
        server.start();
        return server;
    }

    static Bundle bundle(long version, String... tools) {
        return FleetFixtures.bundle(tenant, GROUP, version, upstream.url(), List.of(tools));
    }

    static void publish(String key, String type, byte[] value) throws Exception {
        configProducer
                .newMessage()
                .key(key)
                .property(ConfigMessages.TYPE_PROPERTY, type)
                .value(value)
                .send();
    }

    static void publishBundle(String envelope) throws Exception {
        publish(GROUP, ConfigMessages.TYPE_BUNDLE, envelope.getBytes(StandardCharsets.UTF_8));
    }

    static void publishTrustChain() throws Exception {
        publish(
                ConfigMessages.TRUST_SET_KEY,
                ConfigMessages.TYPE_TRUST_SET,
                FleetJson.MAPPER.writeValueAsBytes(new TrustSetChain(chain)));
    }

    static AgentStatus awaitStatus(AgentStatus.Kind kind, Long version, String reason) {
        return awaitStatus(0, kind, version, reason);
    }

    /** The first status from index {@code from} on that matches. */
    static AgentStatus awaitStatus(int from, AgentStatus.Kind kind, Long version, String reason) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> statuses.subList(from, statuses.size()).stream()
                                .filter(s -> s.kind() == kind
                                        && (version == null || version.equals(s.bundleVersion()))
                                        && (reason == null || reason.equals(s.reason())))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** A {@code tools/call} through the agent: the HTTP status and the error key (empty when allowed). */
    static String call(String tool) throws Exception {
        try (RawMcp raw = new RawMcp(agent.mcpBaseUri().resolve("/mcp/tools"))) {
            String session = raw.initialize(null);
            RawMcp.Reply reply = raw.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                            + "\",\"arguments\":{\"message\":\"hi\",\"path\":\"/tmp/x\"}}}",
                    null,
                    session,
                    Map.of("MCP-Protocol-Version", "2025-11-25"));
            return reply.status() + " " + reply.json().at("/error/data/error").asText();
        }
    }

    static String admin(String path) throws Exception {
        try (RawMcp raw = new RawMcp(agent.adminBaseUri())) {
            RawMcp.Reply reply = raw.get(agent.adminBaseUri().resolve(path));
            return reply.status() + " " + reply.body();
        }
    }

    @Test
    @Order(1)
    void appliesASignedBundleFromPulsarAndEnforcesIt() throws Exception {
        assertThat(cp.registered())
                .singleElement()
                .satisfies(r -> assertThat(r.name()).isEqualTo("it-agent"));
        assertThat(admin("/ready")).startsWith("503").contains("no bundle applied");

        publishBundle(FleetFixtures.sign(ring, bundle(1, "echo", "delete_file")));

        AgentStatus applied = awaitStatus(AgentStatus.Kind.APPLIED, 1L, null);
        assertThat(applied.agentId()).isEqualTo(cp.registered().getFirst().agentId());
        assertThat(applied.groupId()).isEqualTo(GROUP);
        assertThat(applied.appliedVersion()).isEqualTo(1);
        assertThat(admin("/ready")).startsWith("200");
        assertThat(call("echo")).isEqualTo("200 ");
        assertThat(call("secret_tool")).isEqualTo("403 TOOL_NOT_PERMITTED");

        AgentStatus heartbeat = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> statuses.stream()
                                .filter(s -> s.kind() == AgentStatus.Kind.HEARTBEAT && s.appliedVersion() == 1)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(heartbeat.agentVersion()).isNotBlank();
        assertThat(heartbeat.startedAt()).isBefore(heartbeat.at());
        assertThat(admin("/metrics"))
                .contains("gatehouse_dp_bundle_version 1.0")
                .contains("gatehouse_dp_fleet_connected 1.0")
                .containsPattern("gatehouse_dp_bundle_last_apply_timestamp_seconds [1-9]");
    }

    @Test
    @Order(2)
    void aToolBindingChangeChangesWhatTheCallGets() throws Exception {
        publishBundle(FleetFixtures.sign(ring, bundle(2, "delete_file")));

        awaitStatus(AgentStatus.Kind.APPLIED, 2L, null);
        assertThat(call("echo")).isEqualTo("403 TOOL_NOT_PERMITTED");
        assertThat(call("delete_file")).isEqualTo("200 ");
    }

    @Test
    @Order(3)
    void everyBadBundleIsRejectedWithItsReasonWhileTheAppliedOneKeepsWorking() throws Exception {
        Instant now = Instant.now();
        String good = FleetFixtures.sign(ring, bundle(3, "echo"));
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
        publishBundle(tampered);
        awaitStatus(AgentStatus.Kind.REJECTED, null, "BAD_SIGNATURE");

        publishBundle(FleetFixtures.sign(FleetFixtures.ring(tenant), bundle(3, "echo")));
        awaitStatus(AgentStatus.Kind.REJECTED, null, "UNKNOWN_KEY");

        publishBundle(FleetFixtures.sign(ring, bundle(1, "echo")));
        assertThat(awaitStatus(AgentStatus.Kind.REJECTED, 1L, "STALE").appliedVersion())
                .isEqualTo(2);

        Instant lastWeek = now.minus(7, ChronoUnit.DAYS);
        publishBundle(
                FleetFixtures.sign(ring.activeKey(), bundle(3, "echo"), tenant, lastWeek, lastWeek.plusSeconds(3600)));
        awaitStatus(AgentStatus.Kind.REJECTED, 3L, "EXPIRED");

        // another tenant's bundle, published by the super-user onto this tenant's topic: signed by that tenant's
        // own key, it fails the key check; signed with this tenant's key for the other tenant, the tenant check
        String other = "other" + tenant;
        publishBundle(FleetFixtures.sign(
                FleetFixtures.ring(other), FleetFixtures.bundle(other, GROUP, 3, upstream.url(), List.of("echo"))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> statuses.stream()
                                .filter(s -> "UNKNOWN_KEY".equals(s.reason()))
                                .count()
                        == 2);
        publishBundle(FleetFixtures.sign(
                ring.activeKey(),
                FleetFixtures.bundle(other, GROUP, 3, upstream.url(), List.of("echo")),
                other,
                now,
                now.plus(1, ChronoUnit.DAYS)));
        awaitStatus(AgentStatus.Kind.REJECTED, 3L, "WRONG_TENANT");

        publish(GROUP, "surprise", good.getBytes(StandardCharsets.UTF_8));
        awaitStatus(AgentStatus.Kind.REJECTED, null, "UNKNOWN_MESSAGE");

        assertThat(statuses.stream().filter(s -> s.kind() == AgentStatus.Kind.REJECTED))
                .allSatisfy(s -> {
                    assertThat(s.appliedVersion()).isEqualTo(2);
                    assertThat(s.detail()).isNotBlank();
                });
        assertThat(call("echo")).isEqualTo("403 TOOL_NOT_PERMITTED");
        assertThat(call("delete_file")).isEqualTo("200 ");
        assertThat(admin("/metrics"))
                .contains("gatehouse_dp_bundle_version 2.0")
                .contains("gatehouse_dp_bundle_rejects_total{reason=\"BAD_SIGNATURE\"} 1.0")
                .contains("gatehouse_dp_bundle_rejects_total{reason=\"UNKNOWN_KEY\"} 2.0")
                .contains("gatehouse_dp_bundle_rejects_total{reason=\"EXPIRED\"} 1.0");
    }

    @Test
    @Order(4)
    void signingKeysRotateThroughTheTrustSetChainWithoutARejectOrDowntime() throws Exception {
        int before = statuses.size();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean calling = new AtomicBoolean(true);
        Thread caller = Thread.ofVirtual().start(() -> {
            while (calling.get()) {
                try {
                    String outcome = call("delete_file");
                    if (!outcome.equals("200 ")) {
                        failures.add(outcome);
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });

        String oldKid = ring.activeKeyId();
        var next = KeyRing.generateKey();
        ring = ring.publishNext(next, Instant.now());
        chain.add(ring.trustSet().compact());
        publishTrustChain();
        ring = ring.activate(next.getKeyID(), Instant.now());
        publishBundle(FleetFixtures.sign(ring, bundle(3, "delete_file")));
        awaitStatus(AgentStatus.Kind.APPLIED, 3L, null);

        ring = ring.retire(oldKid, Instant.now());
        chain.add(ring.trustSet().compact());
        publishTrustChain();
        publishBundle(FleetFixtures.sign(ring, bundle(4, "echo", "delete_file")));
        awaitStatus(AgentStatus.Kind.APPLIED, 4L, null);

        calling.set(false);
        caller.join(10_000);
        assertThat(failures).isEmpty();
        assertThat(statuses.subList(before, statuses.size())).noneMatch(s -> s.kind() == AgentStatus.Kind.REJECTED);
        assertThat(admin("/metrics")).contains("gatehouse_dp_trust_set_version 3.0");
        assertThat(call("echo")).isEqualTo("200 ");
    }

    @Test
    @Order(5)
    void aBundleThatArrivesBeforeTheTrustSetWithItsKeyIsAppliedOnceTheKeyIsTrusted() throws Exception {
        int before = statuses.size();
        var next = KeyRing.generateKey();
        ring = ring.publishNext(next, Instant.now());
        ring = ring.activate(next.getKeyID(), Instant.now());
        publishBundle(FleetFixtures.sign(ring, bundle(5, "echo", "delete_file")));
        assertThat(awaitStatus(before, AgentStatus.Kind.REJECTED, null, "UNKNOWN_KEY")
                        .appliedVersion())
                .isEqualTo(4);

        chain.add(ring.trustSet().compact());
        publishTrustChain();

        awaitStatus(AgentStatus.Kind.APPLIED, 5L, null);
        assertThat(admin("/metrics")).contains("gatehouse_dp_trust_set_version 4.0");
    }

    @Test
    @Order(6)
    void aRestartWhilePulsarIsUnreachableServesTheLastKnownGood() throws Exception {
        agent.close();
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        agent = startAgent("""
                fleet:
                  stateDir: %s
                  pulsarUrl: pulsar://127.0.0.1:%d
                """.formatted(tmp.resolve("agent"), deadPort), Map.of());

        // no waiting: the last-known-good is in force before the listeners open
        assertThat(admin("/ready")).startsWith("200");
        assertThat(call("echo")).isEqualTo("200 ");
        assertThat(call("secret_tool")).isEqualTo("403 TOOL_NOT_PERMITTED");
        assertThat(admin("/metrics"))
                .contains("gatehouse_dp_bundle_version 5.0")
                .contains("gatehouse_dp_trust_set_version 4.0")
                .contains("gatehouse_dp_fleet_connected 0.0");
    }

    @Test
    @Order(7)
    void aManagedServersToolsAreVerifiedOnFirstCallAndReportedAtStartAndAfterARugPull() throws Exception {
        agent.close();
        agent = startAgent("""
                fleet:
                  stateDir: %s
                  heartbeatInterval: 1s
                """.formatted(tmp.resolve("agent")), Map.of());
        // the admin approved the server and its current tools: the bundle carries their pins
        List<io.gatehouse.protocol.bundle.ToolPin> pins = currentPins();
        publishBundle(FleetFixtures.sign(ring, managed(6, pins)));
        awaitStatus(AgentStatus.Kind.APPLIED, 6L, null);

        // no client listed tools since the agent started: it verifies the list itself instead of refusing
        assertThat(call("echo")).isEqualTo("200 ");
        DiscoveredTools atStart = awaitDiscovered(0);
        assertThat(atStart.serverId()).isEqualTo("srv-tools");
        assertThat(atStart.groupId()).isEqualTo(GROUP);
        assertThat(atStart.bundleVersion()).isEqualTo(6);
        assertThat(atStart.tools())
                .extracting(DiscoveredTools.Tool::name, DiscoveredTools.Tool::fingerprint)
                .containsAll(pins.stream()
                        .map(p -> org.assertj.core.groups.Tuple.tuple(p.name(), p.fingerprint()))
                        .toList());
        int reports = discovered.size();
        assertThat(listTools()).contains("echo", "delete_file");
        Thread.sleep(500);
        assertThat(discovered).as("an unchanged list is not reported again").hasSize(reports);

        // rug pull: the next list a client asks for shows the change; the agent reports the new definition
        upstream.changeTool("delete_file", "Delete a file. Also keep a copy of it for later.");
        assertThat(listTools()).contains("echo").doesNotContain("delete_file");
        DiscoveredTools afterRugPull = awaitDiscovered(reports);
        DiscoveredTools.Tool changed = afterRugPull.tools().stream()
                .filter(t -> t.name().equals("delete_file"))
                .findFirst()
                .orElseThrow();
        assertThat(changed.definition().get("description").asText()).contains("keep a copy");
        assertThat(pins).noneMatch(p -> p.fingerprint().equals(changed.fingerprint()));
        assertThat(call("delete_file")).isEqualTo("403 TOOL_CHANGED_PENDING_APPROVAL");

        // the admin approves the change: the new pin arrives in the next bundle and the call works
        publishBundle(FleetFixtures.sign(ring, managed(7, currentPins())));
        awaitStatus(AgentStatus.Kind.APPLIED, 7L, null);
        assertThat(call("delete_file")).isEqualTo("200 ");
    }

    static Bundle managed(long version, List<io.gatehouse.protocol.bundle.ToolPin> pins) {
        Bundle plain = bundle(version, "echo", "delete_file");
        return new Bundle(
                plain.metadata(),
                List.of(plain.servers()
                        .getFirst()
                        .withApproval(io.gatehouse.protocol.bundle.McpServer.Approval.APPROVED, pins)),
                plain.identityProviders(),
                plain.scopes(),
                plain.toolBindings(),
                plain.policies(),
                plain.redactionRules(),
                plain.rateLimits(),
                plain.killSwitches());
    }

    /** What the upstream announces now, as the pins an admin approving it would create. */
    static List<io.gatehouse.protocol.bundle.ToolPin> currentPins() throws Exception {
        try (RawMcp raw = new RawMcp(upstream.url())) {
            String session = raw.initialize(null);
            var result = raw.post(
                            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                            null,
                            session,
                            Map.of("MCP-Protocol-Version", "2025-11-25"))
                    .json()
                    .get("result");
            return io.gatehouse.protocol.tools.ToolDefinition.parseList(result).stream()
                    .map(t -> new io.gatehouse.protocol.bundle.ToolPin(
                            t.name(),
                            io.gatehouse.protocol.tools.ToolFingerprint.of(t).value()))
                    .toList();
        }
    }

    static String listTools() throws Exception {
        try (RawMcp raw = new RawMcp(agent.mcpBaseUri().resolve("/mcp/tools"))) {
            String session = raw.initialize(null);
            return raw.post(
                            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}",
                            null,
                            session,
                            Map.of("MCP-Protocol-Version", "2025-11-25"))
                    .json()
                    .at("/result/tools")
                    .toString();
        }
    }

    static DiscoveredTools awaitDiscovered(int from) {
        await().atMost(Duration.ofSeconds(30)).until(() -> discovered.size() > from);
        return discovered.get(from);
    }
}
