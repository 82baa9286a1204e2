package io.gatehouse.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.gatehouse.controlplane.alerts.WebhookSignature;
import io.gatehouse.controlplane.config.ControlPlaneConfiguration;
import io.gatehouse.devstack.EmbeddedPulsar;
import io.gatehouse.devstack.PulsarExtension;
import io.gatehouse.protocol.api.AlertWebhook;
import io.gatehouse.protocol.api.AlertWebhookRequest;
import io.gatehouse.protocol.api.AuditEvent;
import io.gatehouse.protocol.api.AuditStats;
import io.gatehouse.protocol.api.AuditVerification;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.protocol.api.SignupResponse;
import io.gatehouse.protocol.audit.AuditBatch;
import io.gatehouse.protocol.audit.AuditRecord;
import io.gatehouse.protocol.audit.ChainPosition;
import io.gatehouse.protocol.audit.Decision;
import io.gatehouse.protocol.audit.Finding;
import io.gatehouse.protocol.audit.Principal;
import io.gatehouse.protocol.audit.SignedAuditBatch;
import io.gatehouse.protocol.fleet.PulsarTopics;
import io.gatehouse.protocol.signing.AgentIdentity;
import io.gatehouse.sdk.AuditQuery;
import io.gatehouse.sdk.AuditService;
import io.gatehouse.sdk.Gatehouse;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit ingest against a real (forked) Pulsar broker and the embedded PostgreSQL, through the running control
 * plane: signed batches are stored once, a tampered batch is dead-lettered and raises a signed webhook alert, a
 * missing batch shows up as a gap (alert + verify) until it arrives, and the query API, stats, export and verify
 * see exactly what was stored.
 */
@ExtendWith(PulsarExtension.class)
class AuditIngestIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static DropwizardTestSupport<ControlPlaneConfiguration> app;
    static HttpServer receiver;
    static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    record Delivery(Map<String, String> headers, byte[] body) {}

    @BeforeAll
    static void start(EmbeddedPulsar pulsar) throws Exception {
        app = startControlPlane(pulsar.brokerServiceUrl());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            deliveries.add(new Delivery(
                    Map.of(
                            "ts",
                                    String.valueOf(
                                            exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER)),
                            "sig",
                                    String.valueOf(
                                            exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER))),
                    body));
            exchange.sendResponseHeaders(deliveries.size() == 1 ? 503 : 204, -1); // first attempt fails: retried
            exchange.close();
        });
        receiver.start();
    }

    static DropwizardTestSupport<ControlPlaneConfiguration> startControlPlane(String pulsarUrl) throws Exception {
        PostgresFixture postgres = PostgresFixture.get();
        String url = postgres.gatehouseUrl();
        DropwizardTestSupport<ControlPlaneConfiguration> support = new DropwizardTestSupport<>(
                ControlPlaneApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", url),
                ConfigOverride.config("migrations.url", url),
                ConfigOverride.config("audit.pulsarServiceUrl", pulsarUrl),
                ConfigOverride.config("audit.tenantRefresh", "500ms"),
                ConfigOverride.config("audit.alertRetryBackoff", "200ms"),
                ConfigOverride.config("audit.denySpikePerMinute", "5"));
        support.before();
        return support;
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (app != null) {
            app.after();
        }
    }

    static Gatehouse client(String token) {
        return Gatehouse.builder()
                .baseUrl("http://localhost:" + app.getLocalPort())
                .token(token)
                .build();
    }

    /** A fresh tenant with its Pulsar namespace (deduplication on) and one registered agent key. */
    static SignupResponse tenant(EmbeddedPulsar pulsar, String agentId, AgentIdentity agent) throws Exception {
        SignupResponse signup = Gatehouse.builder()
                .baseUrl("http://localhost:" + app.getLocalPort())
                .build()
                .auth()
                .signup(new SignupRequest(
                        "Audit", "audit-" + UUID.randomUUID() + "@example.test", "correct horse audit"));
        PulsarTopics topics = new PulsarTopics(signup.tenantId());
        pulsar.createTenant(topics.pulsarTenant());
        pulsar.createNamespace(topics.dataPlaneNamespace(), EmbeddedPulsar.RETAIN_FOREVER, 0);
        pulsar.admin().namespaces().setDeduplicationStatus(topics.dataPlaneNamespace(), true);
        registerKey(UUID.fromString(signup.tenantId()), agentId, agent);
        return signup;
    }

    static void registerKey(UUID tenantId, String agentId, AgentIdentity agent) throws Exception {
        try (Connection c = PostgresFixture.get().connect("gatehouse_app", "app")) {
            c.createStatement().execute("SELECT set_config('app.tenant_id', '" + tenantId + "', false)");
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO audit_agent_keys (tenant_id, agent_id, public_jwk) VALUES (?, ?, ?)")) {
                s.setObject(1, tenantId);
                s.setString(2, agentId);
                s.setString(3, agent.publicJwk().toJSONString());
                s.executeUpdate();
            }
        }
    }

    static List<AuditRecord> records(String tenant, String agent, long seq, int n, Instant time, Decision decision) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new AuditRecord(
                    "r-" + seq + "-" + i,
                    time.plusMillis(i),
                    tenant,
                    agent,
                    new Principal(i % 2 == 0 ? "alice" : "bob", "https://idp.test", "cli"),
                    "files",
                    "tools/call",
                    i % 3 == 0 ? "read_file" : "write_file",
                    null,
                    null,
                    decision,
                    decision == Decision.DENY ? "rule-1" : null,
                    decision == Decision.DENY ? "INSUFFICIENT_SCOPE" : "ALLOWED",
                    7,
                    1200,
                    decision == Decision.DENY ? null : 200,
                    i == 0 && seq == 2
                            ? List.of(new Finding(Finding.Kind.PROMPT_INJECTION, "ignore_previous", null))
                            : List.of()));
        }
        return records;
    }

    @Test
    void storesOnceDeadLettersTamperingAlertsOnGapsAndProvesTheRange(EmbeddedPulsar pulsar) throws Exception {
        AgentIdentity agent = AgentIdentity.generate();
        String agentId = "agent-it-1";
        SignupResponse signup = tenant(pulsar, agentId, agent);
        String tenant = signup.tenantId();
        Gatehouse owner = client(signup.token());
        AlertWebhook hook = owner.alerts()
                .webhooks()
                .create(new AlertWebhookRequest(
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        List.of("AUDIT_BATCH_REJECTED", "AUDIT_GAP"),
                        true,
                        "it"));
        assertThat(hook.secret()).startsWith("whsec_");
        assertThat(owner.alerts().webhooks().get(hook.id()).secret()).isNull();

        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        long epoch = 42;
        List<SignedAuditBatch> batches = new ArrayList<>();
        ChainPosition position = ChainPosition.genesis(epoch);
        for (int seq = 1; seq <= 8; seq++) {
            Decision decision = seq == 3 ? Decision.DENY : Decision.ALLOW;
            AuditBatch batch = AuditBatch.records(
                    tenant,
                    agentId,
                    position,
                    t0.plusSeconds(seq),
                    records(tenant, agentId, seq, 10, t0.plusSeconds(seq), decision));
            SignedAuditBatch signed = SignedAuditBatch.sign(batch, agent);
            batches.add(signed);
            position = ChainPosition.after(batch);
        }
        String topic = new PulsarTopics(tenant).audit();
        try (PulsarClient client = pulsar.newClient();
                Consumer<byte[]> dlq = client.newConsumer(Schema.BYTES)
                        .topic(topic + "-dlq")
                        .subscriptionName("it")
                        .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                        .subscribe();
                Producer<byte[]> producer = client.newProducer(Schema.BYTES)
                        .topic(topic)
                        .producerName(agentId + "@" + epoch)
                        .enableBatching(false)
                        .create()) {
            // 1..5 in order, then a tampered copy of 6 (one byte of the payload changed), then 8 (7 is missing)
            for (int seq = 1; seq <= 5; seq++) {
                send(producer, agentId, seq, batches.get(seq - 1).compact());
            }
            String genuine6 = batches.get(5).compact();
            String tampered = tamper(genuine6);
            send(producer, agentId, 6, tampered);
            Message<byte[]> dead = dlq.receive(30, TimeUnit.SECONDS);
            assertThat(dead).as("tampered batch on the dead-letter topic").isNotNull();
            assertThat(dead.getProperty("reason")).isEqualTo("BAD_SIGNATURE");
            assertThat(new String(dead.getData(), StandardCharsets.US_ASCII)).isEqualTo(tampered);

            // the genuine 6 still arrives (a producer of its own: the broker already saw sequence id 6)
            try (Producer<byte[]> resend = client.newProducer(Schema.BYTES)
                    .topic(topic)
                    .producerName(agentId + "@" + epoch + "-resend")
                    .enableBatching(false)
                    .create()) {
                send(resend, agentId, 6, genuine6);
                send(resend, agentId, 3, batches.get(2).compact()); // a redelivery: harmless
            }
            send(producer, agentId, 8, batches.get(7).compact());
            await().atMost(Duration.ofSeconds(30)).until(() -> storedBatches(tenant) == 7);

            AuditService audit = owner.audit();
            Instant from = t0;
            Instant to = t0.plusSeconds(3600);
            AuditVerification gap = audit.verify(from, to);
            assertThat(gap.ok()).isFalse();
            assertThat(gap.agents()).singleElement().satisfies(a -> {
                assertThat(a.missingSeqs()).containsExactly("7-7");
                assertThat(a.problem()).startsWith("SEQ_GAP");
            });

            try (Producer<byte[]> late = client.newProducer(Schema.BYTES)
                    .topic(topic)
                    .producerName(agentId + "@" + epoch + "-late")
                    .enableBatching(false)
                    .create()) {
                send(late, agentId, 7, batches.get(6).compact()); // the late batch fills the gap
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> storedBatches(tenant) == 8);
            AuditVerification proof = audit.verify(from, to);
            assertThat(proof.ok()).as(String.valueOf(proof)).isTrue();
            assertThat(proof.batches()).isEqualTo(8);
            assertThat(proof.records()).isEqualTo(80);

            // queries: paging, filters, one event, stats, export
            AuditQuery range = AuditQuery.create().from(from).to(to);
            List<AuditEvent> all = new ArrayList<>();
            audit.allEvents(range.limit(7)).forEach(all::add);
            assertThat(all).hasSize(80);
            assertThat(all).extracting(AuditEvent::recordId).doesNotHaveDuplicates();
            assertThat(all.get(0).time()).isAfterOrEqualTo(all.get(79).time());
            Page<AuditEvent> denied = audit.events(range.decision("DENY"));
            assertThat(denied.items())
                    .hasSize(10)
                    .allSatisfy(e -> assertThat(e.reason()).isEqualTo("INSUFFICIENT_SCOPE"));
            assertThat(audit.events(range.principal("alice").tool("read_file")).items())
                    .allSatisfy(e -> assertThat(e.principal()).isEqualTo("alice"));
            assertThat(audit.events(range.text("SCOPE")).items()).hasSize(10);
            AuditEvent one = audit.event(denied.items().get(0).id());
            assertThat(one.recordId()).isEqualTo(denied.items().get(0).recordId());
            assertThat(audit.events(range.text("r-2-0")).items())
                    .singleElement()
                    .satisfies(e -> assertThat(e.findings())
                            .singleElement()
                            .satisfies(f -> assertThat(f.kind()).isEqualTo("PROMPT_INJECTION")));
            AuditStats stats = audit.stats(range, Duration.ofMinutes(1));
            assertThat(stats.total()).isEqualTo(80);
            assertThat(stats.byDecision()).containsEntry("ALLOW", 70L).containsEntry("DENY", 10L);
            assertThat(stats.byTool()).extracting(AuditStats.Count::key).contains("read_file", "write_file");
            assertThat(stats.buckets().stream()
                            .mapToLong(AuditStats.Bucket::total)
                            .sum())
                    .isEqualTo(80);
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            audit.export(range, AuditService.Format.CSV, csv);
            assertThat(csv.toString(StandardCharsets.UTF_8).lines())
                    .hasSize(81)
                    .first()
                    .asString()
                    .startsWith("id,time");
            List<AuditEvent> exported = new ArrayList<>();
            assertThat(audit.export(range, exported::add)).isEqualTo(80);
            assertThat(exported.get(0).time())
                    .isBeforeOrEqualTo(exported.get(79).time());

            // an event row edited behind the API's back (as the schema owner) no longer matches its signed batch
            try (Connection c = PostgresFixture.get().connect("gatehouse_owner", "owner");
                    PreparedStatement s = c.prepareStatement(
                            "UPDATE audit_events SET decision = 'ALLOW' WHERE tenant_id = ? AND record_id = 'r-3-4'")) {
                s.setObject(1, UUID.fromString(tenant));
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            AuditVerification edited = audit.verify(from, to);
            assertThat(edited.ok()).isFalse();
            assertThat(edited.agents().get(0).problem()).startsWith("EVENTS_MISMATCH: batch seq 3");
        }

        // alerts: the rejected batch and the gap, each delivered with a valid HMAC (the first attempt got 503)
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(types(deliveries)).contains("AUDIT_BATCH_REJECTED", "AUDIT_GAP"));
        for (Delivery delivery : deliveries) {
            long ts = Long.parseLong(delivery.headers().get("ts"));
            assertThat(WebhookSignature.verify(
                            hook.secret(),
                            ts,
                            delivery.body(),
                            delivery.headers().get("sig")))
                    .isTrue();
            assertThat(WebhookSignature.verify(
                            "whsec_wrong",
                            ts,
                            delivery.body(),
                            delivery.headers().get("sig")))
                    .isFalse();
        }
        JsonNode rejected = deliveries.stream()
                .map(d -> readTree(d.body()))
                .filter(n -> n.get("type").asText().equals("AUDIT_BATCH_REJECTED"))
                .findFirst()
                .orElseThrow();
        assertThat(rejected.at("/details/reason").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(rejected.get("tenantId").asText()).isEqualTo(tenant);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                owner.alerts().deliveries(hook.id(), 100).items())
                        .anySatisfy(d -> assertThat(d.succeeded()).isFalse())
                        .anySatisfy(d -> assertThat(d.attempt()).isGreaterThan(1)));
    }

    static List<String> types(List<Delivery> deliveries) {
        return deliveries.stream()
                .map(d -> readTree(d.body()).get("type").asText())
                .toList();
    }

    static JsonNode readTree(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void send(Producer<byte[]> producer, String agentId, long seq, String compact) throws Exception {
        producer.newMessage()
                .key(agentId)
                .sequenceId(seq)
                .value(compact.getBytes(StandardCharsets.US_ASCII))
                .send();
    }

    /** Changes one character of the JWS payload: still well-formed, but the signature no longer matches. */
    static String tamper(String compact) {
        int dot = compact.indexOf('.');
        int at = dot + 40;
        char c = compact.charAt(at);
        return compact.substring(0, at) + (c == 'A' ? 'B' : 'A') + compact.substring(at + 1);
    }

    static long storedBatches(String tenant) throws Exception {
        try (Connection c = PostgresFixture.get().connect("gatehouse_app", "app")) {
            c.createStatement().execute("SELECT set_config('app.tenant_id', '" + tenant + "', false)");
            var rs = c.createStatement().executeQuery("SELECT count(*) FROM audit_batches");
            rs.next();
            return rs.getLong(1);
        }
    }
}
