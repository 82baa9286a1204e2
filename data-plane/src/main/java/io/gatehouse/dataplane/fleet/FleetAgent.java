package io.gatehouse.dataplane.fleet;

import io.gatehouse.dataplane.bundle.BundleStore;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.metrics.ProxyMetrics;
import io.gatehouse.protocol.fleet.AgentStatus;
import io.gatehouse.protocol.fleet.ConfigMessages;
import io.gatehouse.protocol.fleet.StatusMessages;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Reader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of the fleet: at start it enforces its last-known-good bundle (no Pulsar or control plane
 * needed); then one worker thread reads the compacted {@code t-{tenant}/cfg/bundles} topic from the earliest
 * message (so every (re)start and reconnect sees the latest message per key), advances the pinned trust set on
 * {@code _trust} messages, applies its group's bundles through {@link BundleApplier}, reports APPLIED / REJECTED
 * and a periodic HEARTBEAT as {@link AgentStatus} on {@code t-{tenant}/dp/status} (key = agent id), and re-reads
 * the whole topic every {@code resyncInterval} as a safety net. Pulsar outages are retried with jittered backoff
 * while the bundle in force keeps being enforced.
 */
public final class FleetAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetAgent.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final EnrolledState state;
    private final DataPlaneConfig.Fleet config;
    private final BundleApplier applier;
    private final TrustSetUpdater trust;
    private final ToolDiscoveryReporter discovery;
    private final FleetMetrics metrics;
    private final Clock clock;
    private final String agentVersion;
    private final Instant startedAt;
    private final Thread worker;
    private volatile boolean running;

    // worker-thread state
    private volatile PulsarClient client;
    private Reader<byte[]> reader;
    private Producer<byte[]> producer;
    private String waitingForKey; // a bundle refused as UNKNOWN_KEY, retried after the trust set advances

    /**
     * Opens (or, with {@code config.enroll()}, first creates) the enrolled state and builds the agent.
     *
     * @throws FleetStateException when the state directory holds no usable enrollment
     * @throws EnrollmentException when enrollment from the config failed
     */
    public static FleetAgent create(DataPlaneConfig.Fleet config, BundleStore store, ProxyMetrics metrics, Clock clock)
            throws FleetStateException, EnrollmentException {
        Objects.requireNonNull(config, "config");
        return new FleetAgent(
                openState(config, clock), config, store, new FleetMetrics(metrics), clock, agentVersion());
    }

    /**
     * The enrolled state of {@code config.stateDir()}; with {@code config.enroll()} and no enrollment yet, enrolls
     * first. The agent's identity (and so its audit signing key) comes from here.
     */
    public static EnrolledState openState(DataPlaneConfig.Fleet config, Clock clock)
            throws FleetStateException, EnrollmentException {
        if (!new StateDir(config.stateDir()).isEnrolled() && config.enroll() != null) {
            DataPlaneConfig.Enroll enroll = config.enroll();
            EnrolledState state = new Enrollment(clock)
                    .enroll(config.stateDir(), enroll.controlPlane(), enroll.token(), enroll.name(), agentVersion());
            LOG.info("enrolled as agent {} (tenant {}, group {})", state.agentId(), state.tenantId(), state.groupId());
            return state;
        }
        return EnrolledState.load(config.stateDir(), clock.instant());
    }

    /** The Pulsar service URL the agent uses: {@code fleet.pulsarUrl} when set, else the one its enrollment gave. */
    public static String pulsarUrl(DataPlaneConfig.Fleet config, EnrolledState state) {
        return config.pulsarUrl() != null ? config.pulsarUrl() : state.pulsar().serviceUrl();
    }

    FleetAgent(
            EnrolledState state,
            DataPlaneConfig.Fleet config,
            BundleStore store,
            FleetMetrics metrics,
            Clock clock,
            String agentVersion) {
        this.state = Objects.requireNonNull(state, "state");
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.agentVersion = Objects.requireNonNull(agentVersion, "agentVersion");
        this.applier = new BundleApplier(state, store, metrics, clock);
        this.trust = new TrustSetUpdater(state, metrics, clock);
        this.discovery = new ToolDiscoveryReporter(state, applier::appliedVersion, clock);
        this.startedAt = clock.instant();
        this.worker = Thread.ofPlatform().name("fleet-agent").daemon(true).unstarted(this::run);
    }

    /** The software version reported at enrollment and in status messages. */
    public static String agentVersion() {
        String version = FleetAgent.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /**
     * Enforces the last-known-good bundle (if any; synchronously, before the listeners open) and starts reading
     * from Pulsar in the background.
     */
    public void start() {
        applier.loadLastKnownGood();
        running = true;
        worker.start();
    }

    public EnrolledState state() {
        return state;
    }

    public FleetMetrics metrics() {
        return metrics;
    }

    /**
     * Where the proxy hands the tool lists it checks: managed servers' lists are reported to the control plane
     * ({@link io.gatehouse.protocol.fleet.DiscoveredTools} on the status topic) at start and on change.
     */
    public io.gatehouse.dataplane.supplychain.ToolDiscoveryListener toolDiscovery() {
        return discovery;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        long nextHeartbeat = 0;
        long nextResync = Long.MAX_VALUE;
        while (running) {
            try {
                if (reader == null) {
                    reader = openReader();
                    metrics.connected(true);
                    backoff = FIRST_BACKOFF;
                    nextResync = System.nanoTime() + config.resyncInterval().toNanos();
                    LOG.info("reading {} as agent {}", state.topics().bundles(), state.agentId());
                }
                Message<byte[]> message = reader.readNext(200, TimeUnit.MILLISECONDS);
                if (message != null) {
                    handle(message);
                }
                sendDiscoveredTools();
                long now = System.nanoTime();
                if (now - nextHeartbeat >= 0) {
                    report(status(AgentStatus.Kind.HEARTBEAT, null, null, null));
                    nextHeartbeat = now + config.heartbeatInterval().toNanos();
                }
                if (now - nextResync >= 0) {
                    LOG.debug("safety-net re-read of {}", state.topics().bundles());
                    reader.seek(MessageId.earliest);
                    nextResync = now + config.resyncInterval().toNanos();
                }
            } catch (PulsarClientException e) {
                if (!running) {
                    break;
                }
                metrics.connected(false);
                LOG.warn(
                        "Pulsar unavailable ({}); enforcing bundle version {} and retrying in {} ms",
                        e.getClass().getSimpleName(),
                        applier.appliedVersion(),
                        backoff.toMillis());
                closeReader();
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.error("fleet agent: unexpected failure; continuing", e);
                sleep(backoff);
            }
        }
        metrics.connected(false);
    }

    private void handle(Message<byte[]> message) {
        String key = message.getKey();
        String type = message.getProperty(ConfigMessages.TYPE_PROPERTY);
        boolean trustKey = ConfigMessages.TRUST_SET_KEY.equals(key);
        if (!trustKey && !state.groupId().equals(key)) {
            return; // another group's bundle
        }
        String expected = trustKey ? ConfigMessages.TYPE_TRUST_SET : ConfigMessages.TYPE_BUNDLE;
        if (!expected.equals(type)) {
            metrics.rejected("UNKNOWN_MESSAGE");
            LOG.warn(
                    "message {} with key {} has type '{}' (expected '{}')",
                    message.getMessageId(),
                    key,
                    type,
                    expected);
            report(status(
                    AgentStatus.Kind.REJECTED,
                    null,
                    "UNKNOWN_MESSAGE",
                    "message with key '" + key + "' has type '" + printable(type) + "' (expected '" + expected + "')"));
            return;
        }
        if (trustKey) {
            TrustSetUpdater.Result result = trust.offer(message.getValue());
            if (result instanceof TrustSetUpdater.Result.Rejected rejected) {
                report(status(AgentStatus.Kind.REJECTED, null, rejected.reason(), rejected.detail()));
            } else if (result instanceof TrustSetUpdater.Result.Advanced && waitingForKey != null) {
                // the bundle arrived before the trust set that introduces its key: retry it once that key is known
                String retry = waitingForKey;
                String kid = FleetJson.headerKeyId(retry);
                if (kid != null && state.trustSet().trustSet().find(kid).isPresent()) {
                    waitingForKey = null;
                    offerBundle(retry);
                }
            }
            return;
        }
        offerBundle(new String(message.getValue(), StandardCharsets.UTF_8));
    }

    private void offerBundle(String envelope) {
        BundleApplier.Result result = applier.offer(envelope);
        switch (result) {
            case BundleApplier.Result.Applied applied -> {
                waitingForKey = null;
                report(status(AgentStatus.Kind.APPLIED, applied.version(), null, null));
            }
            case BundleApplier.Result.Unchanged unchanged ->
                LOG.debug("bundle version {} already applied", unchanged.version());
            case BundleApplier.Result.Rejected rejected -> {
                if ("UNKNOWN_KEY".equals(rejected.reason())) {
                    waitingForKey = envelope;
                }
                report(status(AgentStatus.Kind.REJECTED, rejected.version(), rejected.reason(), rejected.detail()));
            }
        }
    }

    private AgentStatus status(AgentStatus.Kind kind, Long bundleVersion, String reason, String detail) {
        return new AgentStatus(
                kind,
                state.agentId(),
                state.groupId(),
                applier.appliedVersion(),
                bundleVersion,
                reason,
                detail,
                agentVersion,
                startedAt,
                clock.instant());
    }

    private void report(AgentStatus status) {
        byte[] json;
        try {
            json = FleetJson.MAPPER.writeValueAsBytes(status);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode AgentStatus", e);
        }
        if (client == null) {
            return;
        }
        send(json, StatusMessages.TYPE_STATUS, "status " + status.kind());
    }

    /** Sends one message on the status topic (key = agent id); false when the producer cannot be opened. */
    private boolean send(byte[] json, String type, String what) {
        try {
            if (producer == null) {
                producer = client.newProducer()
                        .topic(state.topics().status())
                        .enableBatching(false)
                        .sendTimeout(10, TimeUnit.SECONDS)
                        .blockIfQueueFull(false)
                        .create();
            }
            producer.newMessage()
                    .key(state.agentId())
                    .property(StatusMessages.TYPE_PROPERTY, type)
                    .value(json)
                    .sendAsync()
                    .whenComplete((id, failure) -> {
                        if (failure != null && running) {
                            LOG.warn("{} not delivered: {}", what, failure.toString());
                        }
                    });
            return true;
        } catch (PulsarClientException e) {
            LOG.warn("{} not sent: cannot open the status producer ({})", what, e.toString());
            return false;
        }
    }

    private void sendDiscoveredTools() {
        if (client == null) {
            return;
        }
        for (Map.Entry<String, byte[]> queued : discovery.drain().entrySet()) {
            if (!send(queued.getValue(), StatusMessages.TYPE_DISCOVERED_TOOLS, "discovered tools")) {
                discovery.requeue(queued.getKey(), queued.getValue());
            }
        }
    }

    private Reader<byte[]> openReader() throws PulsarClientException {
        if (client == null) {
            client = PulsarClient.builder()
                    .serviceUrl(pulsarUrl(config, state))
                    .authentication(AuthenticationFactory.token(state.pulsar().authToken()))
                    .operationTimeout(10, TimeUnit.SECONDS)
                    .connectionTimeout(5, TimeUnit.SECONDS)
                    .startingBackoffInterval(200, TimeUnit.MILLISECONDS)
                    .maxBackoffInterval(10, TimeUnit.SECONDS)
                    .statsInterval(0, TimeUnit.SECONDS) // no periodic stats dumps in the agent's log
                    .build();
        }
        return client.newReader()
                .topic(state.topics().bundles())
                .startMessageId(MessageId.earliest)
                .readCompacted(true)
                .create();
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (java.io.IOException e) {
                // already broken
            }
            reader = null;
        }
    }

    private void sleep(Duration backoff) {
        long jittered = backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1);
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String clean = value.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    @Override
    public void close() {
        running = false;
        PulsarClient current = client;
        if (current != null) {
            current.closeAsync(); // makes a blocked readNext return at once
        }
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current = client; // the worker may have created it meanwhile
        if (current != null) {
            try {
                current.close();
            } catch (PulsarClientException e) {
                LOG.debug("closing the Pulsar client: {}", e.toString());
            }
        }
    }
}
