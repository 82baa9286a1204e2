package io.gatehouse.controlplane.bundles;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.gatehouse.controlplane.ControlPlaneApplication;
import io.gatehouse.controlplane.PostgresFixture;
import io.gatehouse.controlplane.config.ControlPlaneConfiguration;
import io.gatehouse.devstack.EmbeddedPulsar;
import io.gatehouse.protocol.api.BundlePublishRequest;
import io.gatehouse.protocol.api.BundleVersion;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.DataPlaneGroupRequest;
import io.gatehouse.protocol.api.EnrollmentToken;
import io.gatehouse.protocol.api.EnrollmentTokenRequest;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.protocol.api.SignupResponse;
import io.gatehouse.protocol.fleet.EnrollmentRequest;
import io.gatehouse.protocol.fleet.EnrollmentResponse;
import io.gatehouse.protocol.signing.AgentIdentity;
import io.gatehouse.protocol.signing.PossessionProof;
import io.gatehouse.sdk.Gatehouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Two control-plane replicas (same database, both relaying) with a real Pulsar broker that has token
 * authentication and authorization on (a forked devstack broker: Pulsar's Jersey 2 cannot share Dropwizard's
 * classpath). Started once per test JVM. Debounce 1.5 s (so tests can tell debounced from immediate), send timeout
 * 2 s, key propagation window 2 s.
 */
final class PulsarControlPlane {
    static final long DEBOUNCE_MILLIS = 1500;
    private static PulsarControlPlane instance;

    private final EmbeddedPulsar pulsar;
    private final List<DropwizardTestSupport<ControlPlaneConfiguration>> replicas;

    private PulsarControlPlane(EmbeddedPulsar pulsar, List<DropwizardTestSupport<ControlPlaneConfiguration>> replicas) {
        this.pulsar = pulsar;
        this.replicas = replicas;
    }

    static synchronized PulsarControlPlane get() {
        if (instance == null) {
            PostgresFixture postgres = PostgresFixture.get();
            EmbeddedPulsar pulsar = EmbeddedPulsar.builder().tokenAuth(true).start();
            Runtime.getRuntime().addShutdownHook(new Thread(pulsar::close));
            String url = postgres.gatehouseUrl();
            List<DropwizardTestSupport<ControlPlaneConfiguration>> replicas = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                DropwizardTestSupport<ControlPlaneConfiguration> app = new DropwizardTestSupport<>(
                        ControlPlaneApplication.class,
                        ResourceHelpers.resourceFilePath("test-config.yml"),
                        ConfigOverride.config("database.url", url),
                        ConfigOverride.config("migrations.url", url),
                        ConfigOverride.config("bundles.debounce", DEBOUNCE_MILLIS + "ms"),
                        ConfigOverride.config("pulsar.serviceUrl", pulsar.brokerServiceUrl()),
                        ConfigOverride.config("pulsar.adminUrl", pulsar.webServiceUrl()),
                        ConfigOverride.config("pulsar.superUserToken", pulsar.superUserToken()),
                        ConfigOverride.config("pulsar.tokenSecretKey", pulsar.tokenSecretKeyBase64()),
                        ConfigOverride.config("pulsar.sendTimeout", "2s"));
                try {
                    app.before();
                } catch (Exception e) {
                    throw new IllegalStateException("control plane replica " + i + " did not start", e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(app::after));
                replicas.add(app);
            }
            instance = new PulsarControlPlane(pulsar, replicas);
        }
        return instance;
    }

    EmbeddedPulsar pulsar() {
        return pulsar;
    }

    String baseUrl(int replica) {
        return "http://localhost:" + replicas.get(replica).getLocalPort();
    }

    Gatehouse anonymous(int replica) {
        return Gatehouse.builder().baseUrl(baseUrl(replica)).build();
    }

    /** Signs up a fresh tenant (through replica 0) with one data-plane group. */
    Tenant newTenant(String label) {
        String email = label + "-" + UUID.randomUUID() + "@example.test";
        SignupResponse signup = anonymous(0)
                .auth()
                .signup(new SignupRequest("Tenant " + label, email, "correct horse battery " + label));
        Gatehouse owner = anonymous(0).withToken(signup.token());
        DataPlaneGroup group = owner.dataPlaneGroups().create(new DataPlaneGroupRequest("prod", null, null));
        return new Tenant(signup.tenantId(), group.id(), owner, anonymous(1).withToken(signup.token()));
    }

    /** A tenant, its group, and its owner's client on each replica. */
    record Tenant(String tenantId, String groupId, Gatehouse owner, Gatehouse ownerOnReplica1) {

        /** An explicit publish of the tenant's group; the new version. */
        BundleVersion publish() {
            return owner.bundles()
                    .publish(new BundlePublishRequest(groupId))
                    .items()
                    .get(0);
        }

        EnrollmentToken enrollmentToken(int maxUses) {
            return owner.enrollmentTokens().create(new EnrollmentTokenRequest(groupId, null, maxUses));
        }

        /** Enrolls a fresh agent identity with a new single-use token. */
        Enrolled enroll() {
            AgentIdentity identity = AgentIdentity.generate();
            EnrollmentToken token = enrollmentToken(1);
            EnrollmentResponse response = owner.dataPlanes()
                    .enroll(new EnrollmentRequest(
                            token.token(),
                            "agent-" + identity.keyId().substring(0, 6),
                            PossessionProof.create(
                                    identity, token.token(), EnrollmentRequest.ENROLLMENT_AUDIENCE, Instant.now()),
                            "0.1.0"));
            return new Enrolled(identity, response);
        }
    }

    record Enrolled(AgentIdentity identity, EnrollmentResponse response) {}
}
