package io.gatehouse.devstack;

import static io.gatehouse.devstack.PulsarTestSupport.readAll;
import static io.gatehouse.devstack.PulsarTestSupport.send;
import static io.gatehouse.devstack.PulsarTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.common.policies.data.RetentionPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PulsarExtension.class)
class PulsarCompactionIT {

    @Test
    void compactedReaderSeesOnlyTheLatestValuePerKey(EmbeddedPulsar pulsar) throws Exception {
        assertThat(pulsar.isForked())
                .as("devstack's own tests run the broker in-process")
                .isFalse();
        String tenant = unique("t-compaction");
        pulsar.createTenant(tenant);
        pulsar.createNamespace(tenant + "/cfg", EmbeddedPulsar.RETAIN_FOREVER, 0);
        String topic = "persistent://" + tenant + "/cfg/bundles";

        try (PulsarClient client = pulsar.newClient()) {
            send(
                    client,
                    topic,
                    "dp-1=bundle-v1",
                    "dp-2=bundle-w1",
                    "dp-1=bundle-v2",
                    "dp-2=bundle-w2",
                    "dp-1=bundle-v3");

            pulsar.triggerCompactionAndWait(topic);

            assertThat(readAll(client, topic, false)).hasSize(5);
            assertThat(readAll(client, topic, true)).containsExactly("dp-2=bundle-w2", "dp-1=bundle-v3");
        }
    }

    @Test
    void namespacePoliciesAreApplied(EmbeddedPulsar pulsar) throws Exception {
        String tenant = unique("t-policies");
        pulsar.createTenant(tenant);
        pulsar.createNamespace(tenant + "/audit", Duration.ofDays(7), 1_048_576);
        pulsar.createNamespace(tenant + "/cfg", EmbeddedPulsar.RETAIN_FOREVER, 0);

        assertThat(pulsar.admin().namespaces().getRetention(tenant + "/audit"))
                .isEqualTo(new RetentionPolicies(7 * 24 * 60, -1));
        assertThat(pulsar.admin().namespaces().getCompactionThreshold(tenant + "/audit"))
                .isEqualTo(1_048_576L);
        assertThat(pulsar.admin().namespaces().getRetention(tenant + "/cfg")).isEqualTo(new RetentionPolicies(-1, -1));
    }

    @Test
    void badNamesAndRetentionAreRejected(EmbeddedPulsar pulsar) {
        assertThatThrownBy(() -> pulsar.createNamespace("no-slash", EmbeddedPulsar.RETAIN_FOREVER, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("namespace: 'no-slash'");
        assertThatThrownBy(() -> pulsar.createNamespace("a/b", Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retention: PT0S (expected: > 0, or RETAIN_FOREVER)");
        assertThatThrownBy(() -> pulsar.createNamespace("a/b", EmbeddedPulsar.RETAIN_FOREVER, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("compactionThresholdBytes: -1");
        assertThatThrownBy(() -> pulsar.createToken("anyone"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("token authentication is off");
    }
}
