package io.gatehouse.e2e.audit;

import io.gatehouse.controlplane.alerts.AlertService;
import io.gatehouse.controlplane.audit.AgentKeys;
import io.gatehouse.controlplane.audit.AuditIngest;
import io.gatehouse.controlplane.audit.DbAgentKeys;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.devstack.EmbeddedPostgres;
import io.gatehouse.devstack.EmbeddedPulsar;
import io.gatehouse.protocol.fleet.PulsarTopics;
import io.gatehouse.protocol.signing.AgentIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pulsar.client.api.PulsarClient;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * The control plane's audit side without its HTTP layer: the production schema (Flyway, as the owner role), the
 * application role behind row-level security, and {@link AuditIngest} with its real collaborators, against a real
 * PostgreSQL and Pulsar. One tenant with its Pulsar namespace (deduplication on) and one registered agent.
 */
final class AuditStack implements AutoCloseable {

    final EmbeddedPostgres postgres;
    final EmbeddedPulsar pulsar;
    final SessionFactory sessions;
    final Db db;
    final AgentKeys keys;
    final AlertService alerts;
    final UUID tenant = UUID.randomUUID();
    final String agentId = "agent-e2e";
    final AgentIdentity agent = AgentIdentity.generate();
    final PulsarClient client;
    final PulsarRest rest;

    AuditStack(EmbeddedPulsar pulsar) throws Exception {
        this.pulsar = pulsar;
        this.postgres = EmbeddedPostgres.start();
        try (Connection c = postgres.connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE gatehouse_owner LOGIN PASSWORD 'owner'");
            s.execute("CREATE ROLE gatehouse_app LOGIN PASSWORD 'app' NOSUPERUSER NOBYPASSRLS");
            s.execute("CREATE DATABASE gatehouse OWNER gatehouse_owner");
        }
        String url = postgres.jdbcUrl("gatehouse");
        Flyway.configure()
                .dataSource(url, "gatehouse_owner", "owner")
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", "gatehouse_app"))
                .load()
                .migrate();
        this.sessions = new Configuration()
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.connection.username", "gatehouse_app")
                .setProperty("hibernate.connection.password", "app")
                .setProperty("hibernate.connection.pool_size", "8")
                .setProperty("hibernate.hbm2ddl.auto", "none")
                // one tenant-owned entity brings the tenant filter definition that Db.inTenant enables
                .addAnnotatedClass(io.gatehouse.controlplane.domain.registry.ScopeEntity.class)
                .buildSessionFactory();
        this.db = new Db(sessions);
        try (Connection c = app()) {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)")) {
                s.setObject(1, tenant);
                s.setString(2, "e2e");
                s.setTimestamp(3, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
        }
        this.keys = new DbAgentKeys(db);
        keys.register(tenant, agentId, agent.publicJwk());
        this.alerts = new AlertService(
                db,
                new com.fasterxml.jackson.databind.ObjectMapper(),
                Clock.systemUTC(),
                Duration.ofSeconds(1),
                1,
                new io.gatehouse.controlplane.alerts.WebhookSecrets(null));
        PulsarTopics topics = new PulsarTopics(tenant.toString());
        this.rest = new PulsarRest(pulsar.webServiceUrl());
        rest.createNamespaceWithDeduplication(topics.pulsarTenant(), "dp");
        this.client = pulsar.newClient();
    }

    /** A connection as the application role, scoped to the tenant. */
    Connection app() throws Exception {
        Connection c = java.sql.DriverManager.getConnection(postgres.jdbcUrl("gatehouse"), "gatehouse_app", "app");
        try (Statement s = c.createStatement()) {
            s.execute("SELECT set_config('app.tenant_id', '" + tenant + "', false)");
        }
        return c;
    }

    AuditIngest newIngest() {
        return newIngest(client);
    }

    /** An ingest on the given client (a restarted control plane comes back with new broker connections). */
    AuditIngest newIngest(PulsarClient pulsarClient) {
        return new AuditIngest(
                db,
                keys,
                alerts,
                pulsarClient,
                "gatehouse-audit-ingest",
                Duration.ofMillis(500),
                () -> Set.of(tenant),
                0);
    }

    long count(String sql) throws Exception {
        try (Connection c = app();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String auditTopic() {
        return new PulsarTopics(tenant.toString()).audit();
    }

    @Override
    public void close() throws Exception {
        client.close();
        alerts.close();
        sessions.close();
        postgres.close();
    }
}
