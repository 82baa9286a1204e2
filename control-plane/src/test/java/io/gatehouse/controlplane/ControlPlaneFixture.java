package io.gatehouse.controlplane;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.gatehouse.controlplane.config.ControlPlaneConfiguration;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.protocol.api.SignupResponse;
import io.gatehouse.sdk.Gatehouse;
import java.util.UUID;

/**
 * The real control plane on ephemeral ports against the shared embedded PostgreSQL, started once
 * per test JVM. Tests drive it through the SDK.
 */
public final class ControlPlaneFixture {
    private static ControlPlaneFixture instance;
    private final DropwizardTestSupport<ControlPlaneConfiguration> app;
    private final PostgresFixture postgres;

    private ControlPlaneFixture(DropwizardTestSupport<ControlPlaneConfiguration> app, PostgresFixture postgres) {
        this.app = app;
        this.postgres = postgres;
    }

    public static synchronized ControlPlaneFixture get() {
        if (instance == null) {
            PostgresFixture postgres = PostgresFixture.get();
            String url = "jdbc:postgresql://localhost:" + port(postgres.url()) + "/gatehouse";
            DropwizardTestSupport<ControlPlaneConfiguration> app = new DropwizardTestSupport<>(
                    ControlPlaneApplication.class,
                    ResourceHelpers.resourceFilePath("test-config.yml"),
                    ConfigOverride.config("database.url", url),
                    ConfigOverride.config("migrations.url", url));
            try {
                app.before();
            } catch (Exception e) {
                throw new IllegalStateException("control plane did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(app::after));
            instance = new ControlPlaneFixture(app, postgres);
        }
        return instance;
    }

    private static String port(String jdbcUrl) {
        return jdbcUrl.replaceAll("^jdbc:postgresql://[^:]+:(\\d+)/.*$", "$1");
    }

    public String baseUrl() {
        return "http://localhost:" + app.getLocalPort();
    }

    /** The running application (its composition root), for in-process service calls. */
    public ControlPlaneApplication application() {
        return app.getApplication();
    }

    public PostgresFixture postgres() {
        return postgres;
    }

    /** A client without a token (sign-up, login). */
    public Gatehouse anonymous() {
        return Gatehouse.builder().baseUrl(baseUrl()).build();
    }

    /** Signs up a fresh tenant and returns a client holding its owner's session. */
    public Tenant newTenant(String label) {
        String email = label + "-" + UUID.randomUUID() + "@example.test";
        String password = "correct horse battery " + label;
        SignupResponse signup = anonymous().auth().signup(new SignupRequest("Tenant " + label, email, password));
        return new Tenant(
                signup.tenantId(), signup.userId(), email, password, anonymous().withToken(signup.token()));
    }

    /** A signed-up tenant: its ids, the owner's credentials and a client acting as the owner. */
    public record Tenant(String tenantId, String ownerId, String email, String password, Gatehouse owner) {}
}
