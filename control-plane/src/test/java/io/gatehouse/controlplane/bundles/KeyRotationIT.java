package io.gatehouse.controlplane.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.protocol.api.SigningKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rotation end to end on the real topic: the agent keeps the trust set it pinned at enrollment and follows the
 * trust-set chain; bundles signed by the new key verify, and no bundle is rejected at any step (publish, activate +
 * re-sign, retire).
 */
class KeyRotationIT {
    private final PulsarControlPlane cp = PulsarControlPlane.get();

    @Test
    void anAgentFollowingTheChainAcceptsBundlesSignedByTheNewKey() throws Exception {
        PulsarControlPlane.Tenant tenant = cp.newTenant("rotate");
        PulsarControlPlane.Enrolled agent = tenant.enroll();
        String oldKid = tenant.owner().signingKeys().list().items().get(0).kid();

        try (ConfigTopic topic = BundlePublishingIT.agentView(tenant, agent)) {
            topic.awaitApplied(a -> a.keyId().equals(oldKid), Duration.ofSeconds(20));

            SigningKey next = tenant.owner().signingKeys().rotate();
            assertThat(next.state()).isEqualTo("PUBLISHED");
            EnrollmentIT.assertRefused(() -> tenant.owner().signingKeys().rotate(), 409, "ROTATION_IN_PROGRESS");

            ConfigTopic.Applied resigned =
                    topic.awaitApplied(a -> a.keyId().equals(next.kid()), Duration.ofSeconds(30));
            assertThat(topic.trustSet().find(next.kid())).isPresent();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<SigningKey> keys = tenant.owner().signingKeys().list().items();
                assertThat(keys)
                        .extracting(SigningKey::kid, SigningKey::state)
                        .contains(
                                org.assertj.core.groups.Tuple.tuple(oldKid, "RETIRED"),
                                org.assertj.core.groups.Tuple.tuple(next.kid(), "ACTIVE"));
            });
            tenant.publish();
            ConfigTopic.Applied afterRetire =
                    topic.awaitApplied(a -> a.version() > resigned.version(), Duration.ofSeconds(20));
            assertThat(afterRetire.keyId()).isEqualTo(next.kid());
            assertThat(topic.trustSet().find(oldKid))
                    .as("the agent followed the retirement")
                    .isEmpty();
            assertThat(topic.trustSet().version()).isEqualTo(3);
            assertThat(topic.rejected()).isEmpty();
        }
    }
}
