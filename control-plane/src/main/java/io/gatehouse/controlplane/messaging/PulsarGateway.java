package io.gatehouse.controlplane.messaging;

import io.gatehouse.controlplane.config.PulsarFactory;
import io.gatehouse.protocol.fleet.ConfigMessages;
import io.gatehouse.protocol.fleet.PulsarTopics;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.MessageListener;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;

/**
 * The control plane's one Pulsar client (super-user): tenancy, one producer per tenant config topic (no batching,
 * synchronous sends bounded by {@code pulsar.sendTimeout}), and one Key_Shared consumer per tenant status topic
 * (so several replicas share the ingest).
 */
public final class PulsarGateway implements AutoCloseable {
    /** Subscription of the fleet-status ingest on every tenant's status topic. */
    public static final String STATUS_SUBSCRIPTION = "gatehouse-control-plane-fleet";

    private final PulsarClient client;
    private final PulsarTenancy tenancy;
    private final long sendTimeoutMillis;
    private final Map<UUID, Producer<byte[]>> producers = new ConcurrentHashMap<>();
    private final Map<UUID, CompletableFuture<Consumer<byte[]>>> consumers = new ConcurrentHashMap<>();

    public PulsarGateway(PulsarFactory config) {
        Objects.requireNonNull(config.getServiceUrl(), "pulsar.serviceUrl");
        if (config.getAdminUrl() == null) {
            throw new IllegalArgumentException("pulsar.adminUrl: missing (expected: the broker's http admin URL)");
        }
        this.sendTimeoutMillis = config.getSendTimeout().toMillis();
        ClientBuilder builder = PulsarClient.builder()
                .serviceUrl(config.getServiceUrl())
                .operationTimeout(30, TimeUnit.SECONDS)
                .connectionTimeout(5, TimeUnit.SECONDS);
        if (config.getSuperUserToken() != null) {
            builder.authentication(AuthenticationFactory.token(config.getSuperUserToken()));
        }
        try {
            this.client = builder.build();
        } catch (PulsarClientException e) {
            throw new IllegalArgumentException("pulsar.serviceUrl: cannot create a client (" + e.getMessage() + ")", e);
        }
        this.tenancy = new PulsarTenancy(
                new PulsarAdminRest(config.getAdminUrl(), config.getSuperUserToken()), config.getCluster());
    }

    /** Creates the tenant's Pulsar tenant, namespaces and grants (idempotent). */
    public void provision(UUID tenantId) throws IOException {
        tenancy.provision(new PulsarTopics(tenantId.toString()));
    }

    /** Sends one config message and waits for the broker's acknowledgement. */
    public void sendConfig(UUID tenantId, String key, String type, byte[] value) throws PulsarClientException {
        Producer<byte[]> producer = producers.get(tenantId);
        if (producer == null) {
            // bounded by the send timeout too: an unreachable broker must not stall the relay for the
            // client's whole operation timeout
            CompletableFuture<Producer<byte[]>> creating = client.newProducer(Schema.BYTES)
                    .topic(new PulsarTopics(tenantId.toString()).bundles())
                    .enableBatching(false)
                    .blockIfQueueFull(true)
                    .sendTimeout((int) sendTimeoutMillis, TimeUnit.MILLISECONDS)
                    .createAsync();
            try {
                producer = creating.get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                creating.thenAccept(Producer::closeAsync);
                throw new PulsarClientException.TimeoutException(
                        "no producer for the config topic within " + sendTimeoutMillis + " ms");
            } catch (ExecutionException e) {
                throw PulsarClientException.unwrap(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PulsarClientException("interrupted while creating a producer");
            }
            producers.put(tenantId, producer);
        }
        try {
            producer.newMessage()
                    .key(key)
                    .property(ConfigMessages.TYPE_PROPERTY, type)
                    .value(value)
                    .send();
        } catch (PulsarClientException.AlreadyClosedException e) {
            producers.remove(tenantId, producer);
            throw e;
        }
    }

    /**
     * Subscribes the fleet ingest to the tenant's status topic (asynchronously; a failed attempt is forgotten, so
     * the next call retries). Idempotent.
     */
    public void subscribeStatus(UUID tenantId, MessageListener<byte[]> listener) {
        consumers.computeIfAbsent(tenantId, id -> {
            CompletableFuture<Consumer<byte[]>> subscribing = client.newConsumer(Schema.BYTES)
                    .topic(new PulsarTopics(id.toString()).status())
                    .subscriptionName(STATUS_SUBSCRIPTION)
                    .subscriptionType(SubscriptionType.Key_Shared)
                    .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                    .negativeAckRedeliveryDelay(1, TimeUnit.SECONDS)
                    .messageListener(listener)
                    .subscribeAsync();
            subscribing.whenComplete((consumer, failure) -> {
                if (failure != null) {
                    consumers.remove(id);
                }
            });
            return subscribing;
        });
    }

    @Override
    public void close() {
        consumers.values().forEach(f -> f.thenAccept(Consumer::closeAsync));
        producers.values().forEach(Producer::closeAsync);
        try {
            client.close();
        } catch (PulsarClientException e) {
            // closing: nothing left to do
        }
    }
}
