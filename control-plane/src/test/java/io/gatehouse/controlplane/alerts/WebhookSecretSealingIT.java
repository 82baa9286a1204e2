package io.gatehouse.controlplane.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.controlplane.PostgresFixture;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.protocol.api.AlertWebhook;
import io.gatehouse.protocol.api.AlertWebhookRequest;
import io.gatehouse.protocol.signing.Aead;
import io.gatehouse.protocol.signing.MasterKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook HMAC secrets at rest, against the production schema in the embedded PostgreSQL as the application role:
 * a new webhook's secret is stored only sealed (shown once, never read back), a row as V5 wrote it (plain text)
 * is re-sealed by what the control plane runs at start-up and still signs deliveries with the same secret, and
 * without a master key nothing is created.
 */
class WebhookSecretSealingIT {

    static final Aead MASTER = new Aead(MasterKey.parse("mk1", "dGVzdC1vbmx5LW1hc3Rlci1rZXktZ2F0ZWhvdXNlLTA="));

    static SessionFactory sessions;
    static Db db;
    static UUID tenant = UUID.randomUUID();

    @BeforeAll
    static void schema() throws Exception {
        PostgresFixture postgres = PostgresFixture.get();
        Flyway.configure()
                .dataSource(postgres.gatehouseUrl(), "gatehouse_owner", "owner")
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", "gatehouse_app"))
                .load()
                .migrate();
        sessions = new Configuration()
                .setProperty("hibernate.connection.url", postgres.gatehouseUrl())
                .setProperty("hibernate.connection.username", "gatehouse_app")
                .setProperty("hibernate.connection.password", "app")
                .setProperty("hibernate.connection.pool_size", "2")
                .setProperty("hibernate.hbm2ddl.auto", "none")
                // one tenant-owned entity brings the tenant filter definition that Db.inTenant enables
                .addAnnotatedClass(io.gatehouse.controlplane.domain.registry.ScopeEntity.class)
                .buildSessionFactory();
        db = new Db(sessions);
        try (Connection c = app();
                PreparedStatement s =
                        c.prepareStatement("INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)")) {
            s.setObject(1, tenant);
            s.setString(2, "webhook-secrets");
            s.setTimestamp(3, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
    }

    @AfterAll
    static void close() {
        if (sessions != null) {
            sessions.close();
        }
    }

    @Test
    void secretsAreStoredSealedPlainTextOnesAreResealedAndStillSignDeliveries() throws Exception {
        WebhookService webhooks = new WebhookService(db, Clock.systemUTC(), new WebhookSecrets(MASTER));
        List<String[]> received = new CopyOnWriteArrayList<>(); // timestamp, signature, body
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new String[] {
                exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
                new String(body, StandardCharsets.UTF_8)
            });
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (AlertService alerts = new AlertService(
                db, new ObjectMapper(), Clock.systemUTC(), Duration.ofMillis(100), 1, new WebhookSecrets(MASTER))) {
            // a new webhook: the secret is in the create response only, the row holds it sealed
            AlertWebhook created =
                    webhooks.create(tenant, new AlertWebhookRequest(url, List.of("AUDIT_GAP"), true, "new"));
            assertThat(created.secret()).startsWith("whsec_");
            assertThat(webhooks.get(tenant, UUID.fromString(created.id())).secret())
                    .isNull();
            assertThat(webhooks.list(tenant, 10, null).items())
                    .allSatisfy(w -> assertThat(w.secret()).isNull());
            String[] row = row(UUID.fromString(created.id()));
            assertThat(row[0]).as("plain-text column").isNull();
            assertThat(row[1])
                    .as("sealed column")
                    .isNotNull()
                    .doesNotContain(created.secret().substring(6));

            // a webhook as V5 stored it, secret in plain text; the start-up step seals it and clears the text
            UUID legacyId = UUID.randomUUID();
            String legacySecret = "whsec_legacy-plain-text-secret-0123456789abcdef";
            try (Connection c = app();
                    PreparedStatement s = c.prepareStatement("INSERT INTO alert_webhooks (id, tenant_id, version,"
                            + " created_at, updated_at, url, events, secret, enabled) VALUES (?, ?, 1, now(), now(),"
                            + " ?, 'AUDIT_GAP', ?, true)")) {
                s.setObject(1, legacyId);
                s.setObject(2, tenant);
                s.setString(3, url);
                s.setString(4, legacySecret);
                s.executeUpdate();
            }
            // without a master key nothing is sealed and the count of plain-text rows is reported
            assertThat(new WebhookService(db, Clock.systemUTC(), new WebhookSecrets(null))
                            .sealPlaintextSecrets(Set.of(tenant)))
                    .isEqualTo(-1);
            new WebhookSecretSealer(webhooks, () -> Set.of(tenant)).start();
            String[] resealed = row(legacyId);
            assertThat(resealed[0]).isNull();
            assertThat(resealed[1]).isNotNull().doesNotContain("legacy-plain-text");
            assertThat(webhooks.sealPlaintextSecrets(Set.of(tenant))).isZero(); // idempotent

            // a sealed secret moved to another webhook's row does not open (bound to tenant and webhook id)
            try (Connection c = app();
                    PreparedStatement s =
                            c.prepareStatement("UPDATE alert_webhooks SET sealed_secret = ? WHERE id = ?")) {
                s.setString(1, resealed[1]);
                s.setObject(2, UUID.fromString(created.id()));
                s.executeUpdate();
            }
            assertThatThrownBy(
                            () -> new WebhookSecrets(MASTER).open(tenant, UUID.fromString(created.id()), resealed[1]))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot be opened")
                    .hasMessageNotContaining(legacySecret);

            // deliveries: the re-sealed webhook signs with its original secret; the tampered one is not sent
            alerts.raise(tenant, AlertType.AUDIT_GAP, Map.of("reason", "TEST"));
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 1 && deliveries(2));
            assertThat(received)
                    .singleElement()
                    .satisfies(r -> assertThat(r[1])
                            .isEqualTo(WebhookSignature.sign(
                                    legacySecret, Long.parseLong(r[0]), r[2].getBytes(StandardCharsets.UTF_8))));
            try (Connection c = app();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT error FROM alert_deliveries WHERE webhook_id = '" + created.id() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("SECRET_UNAVAILABLE").doesNotContain("whsec_");
            }

            // no master key: creating a webhook is refused before anything is written
            long before = count();
            assertThatThrownBy(() -> new WebhookService(db, Clock.systemUTC(), new WebhookSecrets(null))
                            .create(tenant, new AlertWebhookRequest(url, List.of(), true, null)))
                    .isInstanceOf(WebhookSecrets.MasterKeyMissing.class);
            assertThat(count()).isEqualTo(before);
        } finally {
            receiver.stop(0);
        }
    }

    private static boolean deliveries(int expected) throws Exception {
        try (Connection c = app();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM alert_deliveries")) {
            rs.next();
            return rs.getLong(1) >= expected;
        }
    }

    private static long count() throws Exception {
        try (Connection c = app();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM alert_webhooks")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String[] row(UUID id) throws Exception {
        try (Connection c = app();
                PreparedStatement s =
                        c.prepareStatement("SELECT secret, sealed_secret FROM alert_webhooks WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    /** The application role, scoped to this test's tenant. */
    private static Connection app() throws Exception {
        Connection c = PostgresFixture.get().connect("gatehouse_app", "app");
        try (Statement s = c.createStatement()) {
            s.execute("SELECT set_config('app.tenant_id', '" + tenant + "', false)");
        }
        return c;
    }
}
