package io.gatehouse.devstack;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;

/** Small helpers shared by the Pulsar integration tests. */
final class PulsarTestSupport {
    private PulsarTestSupport() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static int port(String url) {
        return URI.create(url).getPort();
    }

    /** Every "key=value" a reader sees from the start of {@code topic}. */
    static List<String> readAll(PulsarClient client, String topic, boolean compacted) throws java.io.IOException {
        List<String> seen = new ArrayList<>();
        try (Reader<String> reader = client.newReader(Schema.STRING)
                .topic(topic)
                .startMessageId(MessageId.earliest)
                .readCompacted(compacted)
                .create()) {
            while (reader.hasMessageAvailable()) {
                Message<String> message = reader.readNext(10, TimeUnit.SECONDS);
                if (message == null) {
                    break;
                }
                seen.add(message.getKey() + "=" + message.getValue());
            }
        }
        return seen;
    }

    static void send(PulsarClient client, String topic, String... keyValues) throws PulsarClientException {
        try (Producer<String> producer = client.newProducer(Schema.STRING)
                .topic(topic)
                .enableBatching(false)
                .create()) {
            for (String keyValue : keyValues) {
                String[] parts = keyValue.split("=", 2);
                producer.newMessage().key(parts[0]).value(parts[1]).send();
            }
        }
    }

    /** Retries {@code action} while it fails, for permission changes that reach the broker asynchronously. */
    static <T> T eventually(Duration timeout, ThrowingSupplier<T> action) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return action.get();
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
