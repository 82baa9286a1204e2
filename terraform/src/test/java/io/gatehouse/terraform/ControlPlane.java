package io.gatehouse.terraform;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.gatehouse.controlplane.ControlPlaneApplication;
import io.gatehouse.controlplane.config.ControlPlaneConfiguration;
import io.gatehouse.devstack.EmbeddedPostgres;
import io.gatehouse.protocol.api.ApiTokenRequest;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.protocol.api.SignupResponse;
import io.gatehouse.sdk.Gatehouse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real control plane on ephemeral ports over embedded PostgreSQL (production role layout:
 * an owner role runs the migrations, the application connects as a role bound by row-level
 * security), started once per test JVM.
 */
final class ControlPlane {
    private static ControlPlane instance;
    private final DropwizardTestSupport<ControlPlaneConfiguration> app;

    private ControlPlane(DropwizardTestSupport<ControlPlaneConfiguration> app) {
        this.app = app;
    }

    static synchronized ControlPlane get() throws Exception {
        if (instance == null) {
            EmbeddedPostgres postgres = EmbeddedPostgres.start();
            try (Connection c = postgres.connect("postgres");
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE gatehouse_owner LOGIN PASSWORD 'owner'");
                s.execute("CREATE ROLE gatehouse_app LOGIN PASSWORD 'app' NOSUPERUSER NOBYPASSRLS");
                s.execute("CREATE DATABASE gatehouse OWNER gatehouse_owner");
            }
            String url = postgres.jdbcUrl("gatehouse");
            DropwizardTestSupport<ControlPlaneConfiguration> app = new DropwizardTestSupport<>(
                    ControlPlaneApplication.class,
                    ResourceHelpers.resourceFilePath("control-plane.yml"),
                    ConfigOverride.config("database.url", url),
                    ConfigOverride.config("migrations.url", url));
            app.before();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.after();
                postgres.close();
            }));
            instance = new ControlPlane(app);
        }
        return instance;
    }

    /** What GATEHOUSE_API_URL holds: the REST base. */
    String apiUrl() {
        return "http://localhost:" + app.getLocalPort() + "/api/v1";
    }

    /** A fresh tenant: its owner's client and an owner API token for Terraform. */
    Tenant newTenant() {
        Gatehouse anonymous = Gatehouse.builder()
                .baseUrl("http://localhost:" + app.getLocalPort())
                .build();
        SignupResponse signup = anonymous
                .auth()
                .signup(new SignupRequest(
                        "Terraform IT", "tf-" + UUID.randomUUID() + "@example.test", "correct horse battery tf"));
        Gatehouse owner = anonymous.withToken(signup.token());
        String token = owner.tokens()
                .create(new ApiTokenRequest("terraform", Role.OWNER, null))
                .token();
        return new Tenant(owner, token);
    }

    record Tenant(Gatehouse owner, String apiToken) {}
}
