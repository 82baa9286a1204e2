package io.gatehouse.devstack;

import static io.gatehouse.devstack.PulsarTestSupport.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.devstack.internal.Ports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A restartable broker is stopped (SIGTERM to its JVM) and started again: same ports and token settings, the
 * topic's messages, a subscription's acknowledged position and the deduplication state are still there, and
 * clients created before the stop carry on by themselves.
 */
@ExtendWith(PulsarExtension.class)
class PulsarRestartIT {

    private static final String NAMESPACE = "t-restart/dp";
    private static final String TOPIC = "persistent://" + NAMESPACE + "/audit";

    @Test
    void brokerComesBackOnItsPortsWithItsDataAndClientsReconnectByThemselves() throws Exception {
        EmbeddedPulsar pulsar =
                EmbeddedPulsar.builder().restartable(true).tokenAuth(true).start();
        Path workDir = pulsar.workDir();
        ProcessHandle firstJvm = pulsar.process().orElseThrow();
        try (pulsar;
                PulsarClient client = pulsar.newClient()) {
            assertThat(pulsar.isRestartable()).isTrue();
            pulsar.createTenant("t-restart");
            pulsar.createNamespace(NAMESPACE, EmbeddedPulsar.RETAIN_FOREVER, 0);
            pulsar.admin().namespaces().setDeduplicationStatus(NAMESPACE, true);
            String brokerUrl = pulsar.brokerServiceUrl();
            String webUrl = pulsar.webServiceUrl();

            Producer<String> producer = producer(client);
            Consumer<String> consumer = client.newConsumer(Schema.STRING)
                    .topic(TOPIC)
                    .subscriptionName("ingest")
                    .subscriptionType(SubscriptionType.Key_Shared)
                    .acknowledgmentGroupTime(0, TimeUnit.MILLISECONDS)
                    .isAckReceiptEnabled(true) // acknowledge() returns once the broker has it
                    .subscribe();
            for (long seq = 1; seq <= 3; seq++) {
                producer.newMessage().sequenceId(seq).value("m" + seq).send();
            }
            Message<String> first = consumer.receive(30, TimeUnit.SECONDS);
            assertThat(first.getValue()).isEqualTo("m1");
            consumer.acknowledge(first);

            pulsar.stop();
            assertThat(firstJvm.isAlive()).isFalse();
            assertThat(pulsar.isRunning()).isFalse();
            assertThat(Ports.isListening(port(brokerUrl))).isFalse();
            assertThat(Ports.isListening(port(webUrl))).isFalse();
            // the producer keeps what is sent while the broker is gone (no send timeout) ...
            CompletableFuture<MessageId> whileDown =
                    producer.newMessage().sequenceId(4).value("m4").sendAsync();

            pulsar.restart();
            assertThat(pulsar.isRunning()).isTrue();
            assertThat(pulsar.process().orElseThrow().pid()).isNotEqualTo(firstJvm.pid());
            assertThat(pulsar.brokerServiceUrl()).isEqualTo(brokerUrl);
            assertThat(pulsar.webServiceUrl()).isEqualTo(webUrl);
            // ... and delivers it once it has reconnected by itself
            assertThat(whileDown.get(60, TimeUnit.SECONDS)).isNotNull();

            // the same consumer goes on after the acknowledged message
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Message<String> message = consumer.receive(60, TimeUnit.SECONDS);
                assertThat(message).as("message %d after the restart", i + 2).isNotNull();
                rest.add(message.getValue());
                consumer.acknowledge(message);
            }
            assertThat(rest).containsExactly("m2", "m3", "m4");

            // deduplication state survived: a producer under the same name learns the last sequence id, and a
            // resend of an old one is dropped
            producer.close();
            try (Producer<String> again = producer(client)) {
                assertThat(again.getLastSequenceId()).isEqualTo(4);
                again.newMessage().sequenceId(2).value("m2-resent").send();
                again.newMessage().sequenceId(5).value("m5").send();
            }
            assertThat(readAll(client)).containsExactly("m1", "m2", "m3", "m4", "m5");
            consumer.close();

            // token settings survived: an unknown token is still refused, the admin client still works
            assertThat(pulsar.admin().namespaces().getDeduplicationStatus(NAMESPACE))
                    .isTrue();
            try (PulsarClient stranger = pulsar.clientBuilder()
                    .authentication(org.apache.pulsar.client.api.AuthenticationFactory.token("not-a-token"))
                    .operationTimeout(5, TimeUnit.SECONDS)
                    .build()) {
                assertThatThrownBy(() -> stranger.newProducer().topic(TOPIC).create())
                        .isInstanceOf(org.apache.pulsar.client.api.PulsarClientException.class);
            }
        }
        assertThat(pulsar.process().orElseThrow().isAlive()).isFalse();
        assertThat(workDir).doesNotExist();
        assertThatThrownBy(pulsar::restart).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyARestartableForkedBrokerCanBeStopped(EmbeddedPulsar shared) {
        assertThat(shared.isRestartable()).isFalse();
        assertThatThrownBy(shared::stop)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("restartable(true)");
        assertThatThrownBy(shared::restart).isInstanceOf(IllegalStateException.class);
        assertThat(shared.isRunning()).isTrue();
        assertThatThrownBy(() ->
                        EmbeddedPulsar.builder().restartable(true).forked(false).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forked(false)");
    }

    private static Producer<String> producer(PulsarClient client) throws Exception {
        return client.newProducer(Schema.STRING)
                .topic(TOPIC)
                .producerName("agent-1@1")
                .enableBatching(false)
                .sendTimeout(0, TimeUnit.SECONDS)
                .create();
    }

    private static List<String> readAll(PulsarClient client) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Reader<String> reader = client.newReader(Schema.STRING)
                .topic(TOPIC)
                .startMessageId(MessageId.earliest)
                .create()) {
            while (reader.hasMessageAvailable()) {
                seen.add(reader.readNext(30, TimeUnit.SECONDS).getValue());
            }
        }
        return seen;
    }
}
