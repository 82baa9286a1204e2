package io.gatehouse.controlplane.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.protocol.fleet.PulsarTopics;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;

/**
 * On the real broker with token authentication and authorization: the agent token minted at enrollment reads its
 * own tenant's config and writes its own tenant's status and audit topics, and nothing else — not another tenant's
 * topics, and not its own tenant's config topic (only the control plane writes bundles).
 */
class PulsarIsolationIT {
    private final PulsarControlPlane cp = PulsarControlPlane.get();

    @Test
    void anAgentTokenReachesOnlyItsOwnTenantAndOnlyInTheAllowedDirection() throws Exception {
        PulsarControlPlane.Tenant a = cp.newTenant("iso-a");
        PulsarControlPlane.Tenant b = cp.newTenant("iso-b");
        PulsarControlPlane.Enrolled agentA = a.enroll();
        b.enroll();
        BundlePublishingIT.awaitPublished(a, 1);
        BundlePublishingIT.awaitPublished(b, 1);
        PulsarTopics topicsA = new PulsarTopics(a.tenantId());
        PulsarTopics topicsB = new PulsarTopics(b.tenantId());

        try (PulsarClient client = cp.pulsar()
                .clientBuilder()
                .authentication(org.apache.pulsar.client.api.AuthenticationFactory.token(
                        agentA.response().pulsar().authToken()))
                .operationTimeout(5, TimeUnit.SECONDS)
                .build()) {
            try (Reader<byte[]> own = reader(client, topicsA.bundles())) {
                assertThat(own.readNext(10, TimeUnit.SECONDS))
                        .as("reads its tenant's config")
                        .isNotNull();
            }
            try (Producer<byte[]> status = producer(client, topicsA.status());
                    Producer<byte[]> audit = producer(client, topicsA.audit())) {
                assertThat(status.newMessage()
                                .key("x")
                                .value(new byte[] {'{', '}'})
                                .send())
                        .isNotNull();
                assertThat(audit.newMessage().key("x").value(new byte[] {1}).send())
                        .isNotNull();
            }

            assertDenied(() -> reader(client, topicsB.bundles()));
            assertDenied(() -> producer(client, topicsB.status()));
            assertDenied(() -> producer(client, topicsB.audit()));
            assertDenied(() -> producer(client, topicsA.bundles()));
        }
    }

    private static Reader<byte[]> reader(PulsarClient client, String topic) throws PulsarClientException {
        return client.newReader(Schema.BYTES)
                .topic(topic)
                .startMessageId(MessageId.earliest)
                .create();
    }

    private static Producer<byte[]> producer(PulsarClient client, String topic) throws PulsarClientException {
        return client.newProducer(Schema.BYTES)
                .topic(topic)
                .sendTimeout(5, TimeUnit.SECONDS)
                .create();
    }

    private interface Attempt {
        AutoCloseable run() throws Exception;
    }

    private static void assertDenied(Attempt attempt) {
        assertThatThrownBy(() -> attempt.run().close())
                .isInstanceOf(PulsarClientException.AuthorizationException.class);
    }
}
