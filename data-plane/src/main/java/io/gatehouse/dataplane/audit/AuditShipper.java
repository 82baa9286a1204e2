package io.gatehouse.dataplane.audit;

import static java.util.Objects.requireNonNull;

import io.gatehouse.protocol.fleet.PulsarTopics;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships sealed WAL batches to Pulsar, one message per batch: {@code producerName} = {@code agentId@epoch}
 * (stable for the WAL's life, so broker deduplication recognises a resend), {@code sequenceId} = batch seq,
 * key = agent id, no client batching, no send timeout. A batch is acknowledged to the WAL (which may then
 * delete its segment) only when the broker confirmed it. On every (re)connect the shipper asks the broker for
 * the producer's last stored sequence id and resumes after it, so a restart neither loses nor duplicates.
 *
 * <p>Why the epoch is in the producer name: Pulsar deduplicates by producer name and sequence id, and seq
 * restarts at 1 in a new WAL epoch; with the plain agent id the broker would drop the new epoch's first batches
 * as duplicates.
 */
public final class AuditShipper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditShipper.class);

    private final AuditWal wal;
    private final PulsarClient client;
    private final boolean ownsClient;
    private final String topic;
    private final int maxInFlight;
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connected;

    /**
     * @param client a Pulsar client authenticated as the agent (the caller keeps ownership)
     * @param topic the tenant's audit topic ({@link PulsarTopics#audit()})
     */
    public AuditShipper(AuditWal wal, PulsarClient client, String topic, int maxInFlight) {
        this(wal, client, false, topic, maxInFlight);
    }

    private AuditShipper(AuditWal wal, PulsarClient client, boolean ownsClient, String topic, int maxInFlight) {
        this.wal = requireNonNull(wal, "wal");
        this.client = requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        this.topic = requireNonNull(topic, "topic");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
        }
        this.maxInFlight = maxInFlight;
        this.thread = Thread.ofPlatform().name("audit-shipper").daemon(true).unstarted(this::run);
    }

    /**
     * A shipper with its own Pulsar client built from {@code settings} (service URL, optional token); the topic
     * defaults to the WAL tenant's {@code persistent://t-{tenant}/dp/audit}. Call {@link #start()}.
     */
    public static AuditShipper connect(AuditWal wal, ShipperSettings settings) throws PulsarClientException {
        requireNonNull(settings, "settings");
        ClientBuilder builder = PulsarClient.builder()
                .serviceUrl(settings.serviceUrl())
                .operationTimeout(30, TimeUnit.SECONDS)
                .connectionTimeout(10, TimeUnit.SECONDS);
        if (settings.token() != null) {
            builder.authentication(AuthenticationFactory.token(settings.token()));
        }
        String topic = settings.topic() != null ? settings.topic() : new PulsarTopics(wal.tenant()).audit();
        return new AuditShipper(wal, builder.build(), true, topic, settings.maxInFlight());
    }

    public AuditShipper start() {
        thread.start();
        return this;
    }

    /** The Pulsar producer name: {@code agentId@epoch}. */
    public String producerName() {
        return wal.agentId() + "@" + wal.epoch();
    }

    /** Batches the broker confirmed since start. */
    public long shippedBatches() {
        return shipped.get();
    }

    public boolean connected() {
        return connected;
    }

    public long reconnects() {
        return reconnects.get();
    }

    private void run() {
        long backoffMillis = 200;
        while (running) {
            Producer<byte[]> producer = null;
            try {
                producer = client.newProducer(Schema.BYTES)
                        .topic(topic)
                        .producerName(producerName())
                        .enableBatching(false)
                        .sendTimeout(0, TimeUnit.SECONDS)
                        .blockIfQueueFull(true)
                        .maxPendingMessages(maxInFlight)
                        .compressionType(CompressionType.LZ4)
                        .create();
                long brokerLast = producer.getLastSequenceId();
                if (brokerLast > wal.lastSealedSeq()) {
                    throw new IllegalStateException("broker has seq " + brokerLast + " for " + producerName()
                            + " but the WAL ends at seq " + wal.lastSealedSeq() + " (WAL folder replaced?)");
                }
                if (brokerLast > wal.ackedSeq()) {
                    wal.acknowledge(brokerLast);
                }
                connected = true;
                backoffMillis = 200;
                LOG.info(
                        "audit shipper connected to {} as {}: resuming after seq {}",
                        topic,
                        producerName(),
                        wal.ackedSeq());
                ship(producer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (running) {
                    LOG.warn("audit shipper: {} (retrying in {} ms)", e.toString(), backoffMillis);
                }
            } finally {
                connected = false;
                if (producer != null) {
                    producer.closeAsync();
                }
            }
            if (!running) {
                return;
            }
            reconnects.incrementAndGet();
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoffMillis = Math.min(backoffMillis * 2, 10_000);
        }
    }

    private void ship(Producer<byte[]> producer) throws Exception {
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        try (AuditWal.Reader reader = wal.reader()) {
            long sentUpTo = wal.ackedSeq();
            while (running && failed.get() == null) {
                SealedBatch batch = reader.next(sentUpTo, Duration.ofMillis(200));
                if (batch == null) {
                    continue;
                }
                inFlight.acquire();
                long seq = batch.seq();
                producer.newMessage()
                        .key(wal.agentId())
                        .sequenceId(seq)
                        .property("epoch", Long.toString(batch.epoch()))
                        .property("seq", Long.toString(seq))
                        .value(batch.payload())
                        .sendAsync()
                        .whenComplete((id, error) -> {
                            if (error != null) {
                                failed.compareAndSet(null, error);
                            } else if (failed.get() == null) {
                                wal.acknowledge(seq);
                                shipped.incrementAndGet();
                            }
                            inFlight.release();
                        });
                sentUpTo = seq;
            }
            // let what is in flight settle before the producer is closed
            inFlight.tryAcquire(maxInFlight, 5, TimeUnit.SECONDS);
        }
        if (failed.get() != null) {
            throw new IllegalStateException("send failed: " + failed.get(), failed.get());
        }
    }

    /** Stops shipping (what is not acknowledged stays in the WAL); closes the client if this shipper built it. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsClient) {
            try {
                client.close();
            } catch (PulsarClientException e) {
                LOG.warn("audit shipper: closing the Pulsar client failed ({})", e.toString());
            }
        }
    }
}
