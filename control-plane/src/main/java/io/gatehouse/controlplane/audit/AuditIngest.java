package io.gatehouse.controlplane.audit;

import com.nimbusds.jose.jwk.ECKey;
import io.dropwizard.lifecycle.Managed;
import io.gatehouse.controlplane.alerts.AlertService;
import io.gatehouse.controlplane.alerts.AlertType;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.protocol.audit.AuditBatch;
import io.gatehouse.protocol.audit.AuditBatchRejectedException;
import io.gatehouse.protocol.audit.AuditRecord;
import io.gatehouse.protocol.audit.Finding;
import io.gatehouse.protocol.audit.SignedAuditBatch;
import io.gatehouse.protocol.fleet.PulsarTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Control-plane side of audit shipping. For every tenant it holds a {@code Key_Shared} subscription on
 * {@code persistent://t-{tenant}/dp/audit} (per-agent order, several control-plane replicas share the work).
 * Each message: the agent's registered key ({@link AgentKeys}) verifies the signature, tenant and agent must
 * match (checked in parallel on a small verifier pool), then {@link AuditStore} stores it with the chain check;
 * messages that arrived together are stored in one transaction, in order, and acknowledged only after the
 * commit. A batch that can never be stored (unknown agent, bad signature,
 * malformed, broken chain) goes to {@code persistent://t-{tenant}/dp/audit-dlq} with its reason and raises
 * {@link AlertType#AUDIT_BATCH_REJECTED}; a database failure is retried in place (order is kept) until it
 * succeeds. Sequence gaps raise {@link AlertType#AUDIT_GAP}.
 */
public final class AuditIngest implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(AuditIngest.class);

    /** The dead-letter topic of a tenant. */
    public static String deadLetterTopic(UUID tenantId) {
        return new PulsarTopics(tenantId.toString()).audit() + "-dlq";
    }

    /** Most messages stored in one transaction. */
    static final int MAX_GROUP = 16;

    /** A group stops growing once its messages hold this many bytes (about 16 batches of 1000 records). */
    static final long MAX_GROUP_BYTES = 16L << 20;

    private final Db db;
    private final AgentKeys keys;
    private final AlertService alerts;
    private final PulsarClient client;
    private final String subscription;
    private final Duration refresh;
    private final Supplier<Set<UUID>> tenants;
    private final DenySpikes denySpikes;
    private final Map<UUID, Worker> workers = new ConcurrentHashMap<>();
    private final Set<UUID> subscribing = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Long> backoffs = new ConcurrentHashMap<>();
    private final Map<UUID, Long> retryAt = new ConcurrentHashMap<>();
    private final Map<UUID, Producer<byte[]>> deadLetters = new ConcurrentHashMap<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private ExecutorService verifiers;
    private volatile boolean running;

    /**
     * @param tenants the tenants whose audit topics to consume (re-read every {@code refresh})
     * @param denySpikePerMinute denials per tenant per minute that raise {@link AlertType#DENY_SPIKE} (0 = off)
     */
    public AuditIngest(
            Db db,
            AgentKeys keys,
            AlertService alerts,
            PulsarClient client,
            String subscription,
            Duration refresh,
            Supplier<Set<UUID>> tenants,
            int denySpikePerMinute) {
        this.db = Objects.requireNonNull(db, "db");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.client = Objects.requireNonNull(client, "client");
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.denySpikes = new DenySpikes(denySpikePerMinute);
    }

    /** A Pulsar client for the ingest (token authentication when {@code token} is set). */
    public static PulsarClient client(String serviceUrl, String token) {
        try {
            var builder = PulsarClient.builder().serviceUrl(serviceUrl);
            if (token != null) {
                builder.authentication(org.apache.pulsar.client.api.AuthenticationFactory.token(token));
            }
            return builder.build();
        } catch (PulsarClientException e) {
            throw new IllegalStateException("audit ingest: cannot create a Pulsar client for " + serviceUrl, e);
        }
    }

    /** Every tenant id, through the narrow definer function (the application role cannot list tenants). */
    public static Supplier<Set<UUID>> allTenants(Db db) {
        return () -> db.system(session -> Set.copyOf(session.createNativeQuery("SELECT gh_audit_tenants()", UUID.class)
                .getResultList()));
    }

    @Override
    public synchronized void start() {
        running = true;
        // signature checks and payload parsing are CPU work independent per message: spread over the cores
        verifiers = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()),
                r -> Thread.ofPlatform().name("audit-verify").daemon(true).unstarted(r));
        scheduler = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().name("audit-ingest-refresh").daemon(true).unstarted(r));
        scheduler.scheduleWithFixedDelay(this::refreshSubscriptions, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Subscribes to the topics of tenants not yet consumed (also called by the periodic refresh). */
    public void refreshSubscriptions() {
        Set<UUID> current;
        try {
            current = tenants.get();
        } catch (RuntimeException e) {
            LOG.warn("audit ingest: cannot list tenants ({})", e.toString());
            return;
        }
        for (UUID tenant : current) {
            Long notBefore = retryAt.get(tenant);
            if (!running
                    || workers.containsKey(tenant)
                    || notBefore != null && System.nanoTime() < notBefore
                    || !subscribing.add(tenant)) {
                continue;
            }
            // asynchronous: a tenant whose namespace is not provisioned yet must not hold up the others
            client.newConsumer(Schema.BYTES)
                    .topic(new PulsarTopics(tenant.toString()).audit())
                    .subscriptionName(subscription)
                    .subscriptionType(SubscriptionType.Key_Shared)
                    .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                    .receiverQueueSize(32)
                    .subscribeAsync()
                    .whenComplete((consumer, error) -> {
                        subscribing.remove(tenant);
                        if (error != null) {
                            // back off per tenant (up to 5 min) so unprovisioned tenants do not flood the broker
                            long previous = backoffs.getOrDefault(tenant, refresh.toMillis());
                            long next = Math.min(previous * 2, 300_000);
                            backoffs.put(tenant, next);
                            retryAt.put(tenant, System.nanoTime() + next * 1_000_000);
                            LOG.debug("audit ingest: no subscription for tenant {} yet ({})", tenant, error.toString());
                            return;
                        }
                        synchronized (this) {
                            if (!running) {
                                consumer.closeAsync();
                                return;
                            }
                            backoffs.remove(tenant);
                            retryAt.remove(tenant);
                            Worker worker = new Worker(tenant, consumer);
                            workers.put(tenant, worker);
                            worker.thread.start();
                        }
                    });
        }
    }

    public long batchesStored() {
        return batches.get();
    }

    public long recordsStored() {
        return records.get();
    }

    public long duplicatesSkipped() {
        return duplicates.get();
    }

    public long batchesDeadLettered() {
        return rejected.get();
    }

    /** Tenants currently consumed. */
    public Set<UUID> subscribedTenants() {
        return Set.copyOf(workers.keySet());
    }

    /**
     * One tenant's consumer. Messages are taken in groups (whatever has arrived, up to {@link #MAX_GROUP}); each
     * message's signature and payload are checked on the shared verifier pool while the previous group is being
     * stored, and a group is stored in one transaction, in receive order, then acknowledged. Nothing is
     * acknowledged before its commit (or its dead-letter send).
     */
    private final class Worker {
        final UUID tenant;
        final Consumer<byte[]> consumer;
        final Thread thread;

        Worker(UUID tenant, Consumer<byte[]> consumer) {
            this.tenant = tenant;
            this.consumer = consumer;
            this.thread = Thread.ofPlatform()
                    .name("audit-ingest-" + tenant)
                    .daemon(true)
                    .unstarted(this::run);
        }

        void run() {
            List<Pending> previous = List.of();
            while (running) {
                List<Pending> next;
                try {
                    // while a group waits to be stored, only take what has already arrived
                    next = receiveGroup(previous.isEmpty() ? 200 : 1);
                } catch (PulsarClientException.AlreadyClosedException e) {
                    return;
                } catch (PulsarClientException e) {
                    if (running) {
                        LOG.warn("audit ingest {}: receive failed ({})", tenant, e.toString());
                        sleep(500);
                    }
                    next = List.of();
                }
                if (!previous.isEmpty()) {
                    storeGroup(tenant, consumer, previous);
                }
                previous = next;
            }
            // shutting down: a received group that was not stored is not acknowledged; the broker redelivers it
        }

        private List<Pending> receiveGroup(int firstWaitMillis) throws PulsarClientException {
            Message<byte[]> first = consumer.receive(firstWaitMillis, TimeUnit.MILLISECONDS);
            if (first == null) {
                return List.of();
            }
            List<Pending> group = new ArrayList<>();
            group.add(submit(first));
            long bytes = first.getData().length;
            while (group.size() < MAX_GROUP && bytes < MAX_GROUP_BYTES && running) {
                Message<byte[]> more = consumer.receive(0, TimeUnit.MILLISECONDS);
                if (more == null) {
                    break;
                }
                group.add(submit(more));
                bytes += more.getData().length;
            }
            return group;
        }

        private Pending submit(Message<byte[]> message) {
            return new Pending(message, CompletableFuture.supplyAsync(() -> check(tenant, message), verifiers));
        }
    }

    /** A received message and its pending check. */
    private record Pending(Message<byte[]> message, CompletableFuture<Checked> check) {}

    /** The outcome of checking one message before anything is stored. */
    private sealed interface Checked permits Verified, Rejected, Failed {}

    /** Signature, tenant and agent verified. */
    private record Verified(Message<byte[]> message, SignedAuditBatch signed) implements Checked {}

    /** Can never be stored: goes to the dead-letter topic. */
    private record Rejected(Message<byte[]> message, String agentId, String reason, String error, long seq)
            implements Checked {}

    /** Could not be checked now (e.g. the key lookup failed): redelivered later. */
    private record Failed(Message<byte[]> message, RuntimeException error) implements Checked {}

    /** Verifies one message (runs on the verifier pool; touches no shared mutable state). */
    private Checked check(UUID tenant, Message<byte[]> message) {
        try {
            String agentId = message.hasKey() ? message.getKey() : null;
            if (agentId == null) {
                return new Rejected(message, null, "MALFORMED", "message has no key (agent id)", -1);
            }
            Optional<ECKey> key = keys.find(tenant, agentId);
            if (key.isEmpty()) {
                return new Rejected(message, agentId, "UNKNOWN_AGENT", "no registered key for agent " + agentId, -1);
            }
            SignedAuditBatch signed;
            try {
                signed = SignedAuditBatch.verify(new String(message.getData(), StandardCharsets.US_ASCII), key.get());
            } catch (AuditBatchRejectedException e) {
                return new Rejected(message, agentId, e.reason().name(), e.getMessage(), -1);
            }
            AuditBatch batch = signed.batch();
            if (!batch.tenant().equals(tenant.toString())) {
                return new Rejected(
                        message, agentId, "WRONG_TENANT", "batch is for tenant " + batch.tenant(), batch.seq());
            }
            if (!batch.agentId().equals(agentId)) {
                return new Rejected(
                        message, agentId, "WRONG_AGENT", "batch is from agent " + batch.agentId(), batch.seq());
            }
            return new Verified(message, signed);
        } catch (RuntimeException e) {
            return new Failed(message, e);
        }
    }

    /**
     * Stores a group in receive order and acknowledges it. Rejected messages are dead-lettered; the verified
     * batches are stored in one transaction (retried in place on database failures, so order is kept); if one of
     * them does not extend its chain the group is stored again one batch per transaction, which dead-letters
     * only that batch. A message that could not be checked is negatively acknowledged (redelivered later).
     */
    private void storeGroup(UUID tenant, Consumer<byte[]> consumer, List<Pending> group) {
        List<MessageId> done = new ArrayList<>(group.size());
        List<Verified> verified = new ArrayList<>(group.size());
        for (Pending pending : group) {
            Checked checked = pending.check().join(); // check() never throws
            switch (checked) {
                case Verified v -> verified.add(v);
                case Rejected r -> {
                    if (!deadLetter(tenant, r.agentId(), r.message(), r.reason(), r.error(), r.seq())) {
                        return; // shutting down
                    }
                    done.add(r.message().getMessageId());
                }
                case Failed f -> {
                    LOG.warn(
                            "audit ingest {}: message not processed, redelivering ({})",
                            tenant,
                            f.error().toString());
                    consumer.negativeAcknowledge(f.message());
                }
            }
        }
        if (!verified.isEmpty()) {
            List<AuditStore.Outcome> outcomes = storeInOrder(tenant, verified);
            if (outcomes == null) {
                for (Verified v : verified) { // one batch does not chain: isolate it
                    if (!storeOne(tenant, v)) {
                        return; // shutting down
                    }
                    done.add(v.message().getMessageId());
                }
            } else if (outcomes.isEmpty()) {
                return; // shutting down: not acknowledged, redelivered later
            } else {
                for (int i = 0; i < verified.size(); i++) {
                    afterCommit(tenant, verified.get(i).signed().batch(), outcomes.get(i));
                    done.add(verified.get(i).message().getMessageId());
                }
            }
        }
        if (!done.isEmpty()) {
            consumer.acknowledgeAsync(done);
        }
    }

    /**
     * The outcomes of storing {@code group} in one transaction; null when one batch does not chain (nothing
     * stored); empty when shutting down before it could be stored.
     */
    private List<AuditStore.Outcome> storeInOrder(UUID tenant, List<Verified> group) {
        List<SignedAuditBatch> batches = new ArrayList<>(group.size());
        for (Verified v : group) {
            batches.add(v.signed());
        }
        long backoff = 100;
        while (running) {
            try {
                return db.inTenant(
                        tenant, session -> session.doReturningWork(c -> AuditStore.storeAll(c, tenant, batches)));
            } catch (AuditStore.ChainRejected e) {
                return null;
            } catch (RuntimeException e) {
                LOG.warn(
                        "audit ingest {}: storing {} batch(es) failed, retrying in {} ms ({})",
                        tenant,
                        group.size(),
                        backoff,
                        e.toString());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
        return List.of();
    }

    /** Stores one verified batch in its own transaction; false when shutting down before it was handled. */
    private boolean storeOne(UUID tenant, Verified verified) {
        SignedAuditBatch signed = verified.signed();
        AuditBatch batch = signed.batch();
        long backoff = 100;
        while (running) {
            try {
                AuditStore.Outcome outcome = db.inTenant(
                        tenant, session -> session.doReturningWork(c -> AuditStore.store(c, tenant, signed)));
                afterCommit(tenant, batch, outcome);
                return true;
            } catch (AuditStore.ChainRejected e) {
                return deadLetter(tenant, batch.agentId(), verified.message(), e.reason, e.getMessage(), batch.seq());
            } catch (RuntimeException e) {
                LOG.warn(
                        "audit ingest {}: storing {} failed, retrying in {} ms ({})",
                        tenant,
                        batch,
                        backoff,
                        e.toString());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
        return false;
    }

    private void afterCommit(UUID tenant, AuditBatch batch, AuditStore.Outcome outcome) {
        if (!(outcome instanceof AuditStore.Stored stored)) {
            duplicates.incrementAndGet();
            return;
        }
        batches.incrementAndGet();
        records.addAndGet(stored.records());
        if (stored.gapFrom() > 0) {
            LOG.warn(
                    "audit ingest {}: agent {} epoch {} is missing seq {}..{}",
                    tenant,
                    batch.agentId(),
                    batch.epoch(),
                    stored.gapFrom(),
                    stored.gapTo());
            raise(
                    tenant,
                    AlertType.AUDIT_GAP,
                    details(batch, "MISSING_BATCHES", "fromSeq", stored.gapFrom(), "toSeq", stored.gapTo()));
        }
        if (batch.kind() == AuditBatch.Kind.GAP) {
            raise(
                    tenant,
                    AlertType.AUDIT_GAP,
                    details(
                            batch,
                            batch.gap().reason(),
                            "droppedRecords",
                            batch.gap().droppedRecords(),
                            "from",
                            batch.gap().from().toString(),
                            "to",
                            batch.gap().to().toString()));
        }
        if (stored.denies() > 0 && denySpikes.add(tenant, stored.denies())) {
            raise(
                    tenant,
                    AlertType.DENY_SPIKE,
                    Map.of("deniesLastMinute", denySpikes.current(tenant), "threshold", denySpikes.threshold()));
        }
        long drift = 0;
        long poisoning = 0;
        for (AuditRecord record : batch.records()) {
            for (Finding finding : record.findings()) {
                if (finding.kind() == Finding.Kind.SUPPLY_CHAIN
                        && (finding.detector().contains("drift")
                                || finding.detector().contains("pin"))) {
                    drift++;
                } else if (finding.kind() != Finding.Kind.REDACTION) {
                    poisoning++;
                }
            }
        }
        if (drift > 0) {
            raise(tenant, AlertType.PIN_DRIFT, details(batch, "TOOL_PIN_DRIFT", "findings", drift));
        }
        if (poisoning > 0) {
            raise(tenant, AlertType.POISONING_FINDING, details(batch, "POISONING", "findings", poisoning));
        }
    }

    private static Map<String, Object> details(AuditBatch batch, String reason, Object... pairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("agentId", batch.agentId());
        details.put("epoch", batch.epoch());
        details.put("seq", batch.seq());
        details.put("reason", reason);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            details.put((String) pairs[i], pairs[i + 1]);
        }
        return details;
    }

    private boolean deadLetter(
            UUID tenant, String agentId, Message<byte[]> message, String reason, String error, long seq) {
        long backoff = 100;
        while (running) {
            try {
                Producer<byte[]> producer = deadLetters.computeIfAbsent(tenant, t -> {
                    try {
                        return client.newProducer(Schema.BYTES)
                                .topic(deadLetterTopic(t))
                                .enableBatching(false)
                                .create();
                    } catch (PulsarClientException e) {
                        throw new IllegalStateException(e);
                    }
                });
                var builder = producer.newMessage()
                        .value(message.getData())
                        .property("reason", reason)
                        .property("error", error.length() > 500 ? error.substring(0, 500) : error)
                        .property("originalMessageId", message.getMessageId().toString());
                if (agentId != null) {
                    builder.key(agentId);
                }
                builder.send();
                break;
            } catch (PulsarClientException | IllegalStateException e) {
                LOG.warn("audit ingest {}: cannot dead-letter a batch yet ({})", tenant, e.toString());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
        if (!running) {
            return false;
        }
        rejected.incrementAndGet();
        LOG.warn("audit ingest {}: batch from agent {} dead-lettered: {} ({})", tenant, agentId, reason, error);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("agentId", agentId == null ? "" : agentId);
        details.put("seq", seq);
        details.put("reason", reason);
        details.put("message", error.length() > 300 ? error.substring(0, 300) : error);
        details.put("deadLetterTopic", deadLetterTopic(tenant));
        raise(tenant, AlertType.AUDIT_BATCH_REJECTED, details);
        return true;
    }

    private void raise(UUID tenant, AlertType type, Map<String, ?> details) {
        try {
            alerts.raise(tenant, type, details);
        } catch (RuntimeException e) {
            LOG.warn("audit ingest {}: alert {} not raised ({})", tenant, type, e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops consuming; unacknowledged messages are redelivered to the next consumer. */
    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        for (Worker worker : workers.values()) {
            try {
                worker.thread.join(5_000);
                worker.consumer.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (PulsarClientException e) {
                LOG.warn("audit ingest: closing a consumer failed ({})", e.toString());
            }
        }
        workers.clear();
        if (verifiers != null) {
            verifiers.shutdownNow();
        }
        deadLetters.values().forEach(Producer::closeAsync);
        deadLetters.clear();
    }

    /** Denials per tenant in the current minute; true once per minute when the threshold is crossed. */
    static final class DenySpikes {
        private final int threshold;
        private final Map<UUID, long[]> windows = new ConcurrentHashMap<>();

        DenySpikes(int threshold) {
            this.threshold = threshold;
        }

        int threshold() {
            return threshold;
        }

        synchronized boolean add(UUID tenant, long denies) {
            if (threshold <= 0) {
                return false;
            }
            long minute = System.currentTimeMillis() / 60_000;
            long[] w = windows.computeIfAbsent(tenant, t -> new long[3]); // minute, count, alerted
            if (w[0] != minute) {
                w[0] = minute;
                w[1] = 0;
                w[2] = 0;
            }
            w[1] += denies;
            if (w[1] >= threshold && w[2] == 0) {
                w[2] = 1;
                return true;
            }
            return false;
        }

        synchronized long current(UUID tenant) {
            long[] w = windows.get(tenant);
            return w == null ? 0 : w[1];
        }
    }
}
