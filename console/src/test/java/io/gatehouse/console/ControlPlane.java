package io.gatehouse.console;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.gatehouse.controlplane.ControlPlaneApplication;
import io.gatehouse.controlplane.config.ControlPlaneConfiguration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The real control plane on an ephemeral port against embedded PostgreSQL with the production role
 * layout (schema owner + an RLS-bound application role). Started once per test JVM.
 */
final class ControlPlane {
    private static ControlPlane instance;
    private final DropwizardTestSupport<ControlPlaneConfiguration> app;

    private ControlPlane(DropwizardTestSupport<ControlPlaneConfiguration> app) {
        this.app = app;
    }

    static synchronized ControlPlane get() {
        if (instance == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
                        Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE gatehouse_owner LOGIN PASSWORD 'owner'");
                    s.execute("CREATE ROLE gatehouse_app LOGIN PASSWORD 'app' NOSUPERUSER NOBYPASSRLS");
                    s.execute("CREATE DATABASE gatehouse OWNER gatehouse_owner");
                }
                String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/gatehouse";
                DropwizardTestSupport<ControlPlaneConfiguration> app = new DropwizardTestSupport<>(
                        ControlPlaneApplication.class,
                        ResourceHelpers.resourceFilePath("control-plane-test.yml"),
                        ConfigOverride.config("database.url", url),
                        ConfigOverride.config("migrations.url", url));
                app.before();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    app.after();
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
                instance = new ControlPlane(app);
            } catch (Exception e) {
                throw new IllegalStateException("the control plane did not start", e);
            }
        }
        return instance;
    }

    String baseUrl() {
        return "http://localhost:" + app.getLocalPort();
    }
}
