package io.gatehouse.controlplane.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.fleet.ConfigMessages;
import io.gatehouse.protocol.fleet.PulsarTopics;
import io.gatehouse.protocol.fleet.TrustSetChain;
import io.gatehouse.protocol.signing.BundleRejectedException;
import io.gatehouse.protocol.signing.BundleVerifier;
import io.gatehouse.protocol.signing.TrustSet;
import io.gatehouse.protocol.signing.TrustSetRejectedException;
import io.gatehouse.protocol.signing.TrustSetUpdate;
import io.gatehouse.protocol.signing.VerifiedBundle;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.Schema;

/**
 * A tenant's config topic read the way an agent reads it (a Reader from the earliest message, with the agent's own
 * Pulsar token), plus the agent's verification: trust-set messages advance the pinned trust set through
 * {@link TrustSetUpdate#verifyChain}, bundles for its group go through {@link BundleVerifier}. Every message is
 * kept with its arrival time.
 */
final class ConfigTopic implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String key, String type, String value, Instant at) {}

    record Applied(long version, String keyId, Bundle bundle, Instant at) {}

    private final PulsarClient client;
    private final Reader<byte[]> reader;
    private final String tenantId;
    private final String groupId;
    private final List<Received> received = new ArrayList<>();
    private final List<Applied> applied = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private TrustSet trustSet;
    private long appliedVersion;

    ConfigTopic(PulsarClient client, String tenantId, String groupId, TrustSet pinned) throws Exception {
        this.client = client;
        this.tenantId = tenantId;
        this.groupId = groupId;
        this.trustSet = pinned;
        this.reader = client.newReader(Schema.BYTES)
                .topic(new PulsarTopics(tenantId).bundles())
                .startMessageId(MessageId.earliest)
                .readCompacted(true)
                .create();
    }

    /** Reads until {@code done} holds for the applied bundles (or fails after the timeout). */
    Applied awaitApplied(Predicate<Applied> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Applied a : applied) {
                if (done.test(a)) {
                    return a;
                }
            }
            long left = deadline - System.nanoTime();
            assertThat(left)
                    .as("a matching bundle within " + timeout + "; applied so far " + versions() + ", rejected "
                            + rejected)
                    .isPositive();
            Message<byte[]> message = reader.readNext((int) Math.min(left / 1_000_000, 250), TimeUnit.MILLISECONDS);
            if (message != null) {
                accept(message);
            }
        }
    }

    /** Reads everything that arrives within {@code quiet} of the previous message. */
    void drain(Duration quiet) throws Exception {
        Message<byte[]> message;
        while ((message = reader.readNext((int) quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            accept(message);
        }
    }

    private void accept(Message<byte[]> message) throws Exception {
        Instant at = Instant.now();
        String type = message.getProperty(ConfigMessages.TYPE_PROPERTY);
        String value = new String(message.getValue(), StandardCharsets.UTF_8);
        received.add(new Received(message.getKey(), type, value, at));
        if (ConfigMessages.TYPE_TRUST_SET.equals(type)) {
            TrustSetChain chain = JSON.readValue(value, TrustSetChain.class);
            List<String> newer = chain.chain()
                    .subList((int) trustSet.version(), chain.chain().size());
            try {
                trustSet = TrustSetUpdate.verifyChain(trustSet, newer, Instant.now());
            } catch (TrustSetRejectedException e) {
                rejected.add("trust set: " + e.reason() + " " + e.getMessage());
            }
        } else if (ConfigMessages.TYPE_BUNDLE.equals(type) && groupId.equals(message.getKey())) {
            try {
                VerifiedBundle verified = new BundleVerifier(tenantId, groupId, Set.of(1), Clock.systemUTC())
                        .verify(value, trustSet, appliedVersion);
                appliedVersion = verified.metadata().version();
                applied.add(new Applied(
                        appliedVersion, verified.metadata().keyId(), BundleCodec.decode(verified.content()), at));
            } catch (BundleRejectedException e) {
                rejected.add("bundle: " + e.reason() + " " + e.getMessage());
            }
        }
    }

    List<Received> received() {
        return received;
    }

    List<Applied> applied() {
        return applied;
    }

    List<String> rejected() {
        return rejected;
    }

    TrustSet trustSet() {
        return trustSet;
    }

    List<Long> versions() {
        return applied.stream().map(Applied::version).toList();
    }

    @Override
    public void close() throws Exception {
        reader.close();
        client.close();
    }
}
