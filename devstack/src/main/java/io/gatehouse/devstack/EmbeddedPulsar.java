package io.gatehouse.devstack;

import io.gatehouse.devstack.internal.BrokerClasspath;
import io.gatehouse.devstack.internal.ForkedPulsar;
import io.gatehouse.devstack.internal.InProcessPulsar;
import io.gatehouse.devstack.internal.PulsarRuntime;
import io.gatehouse.devstack.internal.PulsarSettings;
import io.gatehouse.devstack.internal.PulsarTokens;
import io.gatehouse.devstack.internal.TempDirs;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pulsar.client.admin.LongRunningProcessStatus;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminBuilder;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.common.policies.data.AuthAction;
import org.apache.pulsar.common.policies.data.RetentionPolicies;
import org.apache.pulsar.common.policies.data.TenantInfo;

/**
 * A real Pulsar 4.2.4 (one bookie + one broker, ephemeral ports, private data directory) for tests and
 * {@code ./gatehouse dev}, either in this JVM or forked into a child JVM. Both look the same to callers.
 *
 * <pre>{@code
 * try (EmbeddedPulsar pulsar = EmbeddedPulsar.builder().tokenAuth(true).start()) {
 *     pulsar.createTenant("t-acme");
 *     pulsar.createNamespace("t-acme/cfg", EmbeddedPulsar.RETAIN_FOREVER, 0);
 *     try (PulsarClient client = pulsar.newClient(pulsar.createToken("t-acme.dp"))) { ... }
 * }
 * }</pre>
 *
 * <p>A {@linkplain Builder#restartable(boolean) restartable} broker (forked only) can be {@link #stop() stopped}
 * and {@link #restart() started again} on the same ports and data: for tests of what clients do while the broker
 * is gone.
 *
 * <pre>{@code
 * try (EmbeddedPulsar pulsar = EmbeddedPulsar.builder().restartable(true).start()) {
 *     pulsar.stop();    // SIGTERM: broker and bookie close, nothing listens on the ports
 *     pulsar.restart(); // a new broker JVM on the same ports, tenants, topics, messages and cursors
 * }
 * }</pre>
 *
 * <p>In-process needs {@code pulsar-broker} on the classpath; devstack declares it optional, so modules that
 * depend on devstack do not get it (its Jersey 2 clashes with Dropwizard's Jersey 3) and use
 * {@link #forked()}. The client side ({@link #admin()}, {@link #newClient()}) uses whichever Pulsar client
 * implementation the caller's classpath has ({@code pulsar-client}/{@code pulsar-client-admin}, shaded or not).
 */
public final class EmbeddedPulsar implements AutoCloseable {
    /** The Pulsar cluster name the broker registers; tenants are allowed on it. */
    public static final String CLUSTER = "devstack";

    /** The default super-user role when token authentication is on. */
    public static final String DEFAULT_SUPER_USER = "devstack-admin";

    /** Retention that never expires (Pulsar's -1/-1). */
    public static final Duration RETAIN_FOREVER = ChronoUnit.FOREVER.getDuration();

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.-]{1,64}/[A-Za-z0-9_.-]{1,64}");

    private final PulsarRuntime runtime;
    private final Optional<PulsarSettings.TokenAuth> tokenAuth;
    private final Optional<PulsarTokens> tokens;
    private PulsarAdmin admin;
    private volatile boolean closed;

    private EmbeddedPulsar(PulsarRuntime runtime, Optional<PulsarSettings.TokenAuth> tokenAuth) {
        this.runtime = runtime;
        this.tokenAuth = tokenAuth;
        this.tokens = tokenAuth.map(auth -> new PulsarTokens(auth.secretKey()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An open (no authentication) broker, in-process when the broker is on the classpath, else forked. */
    public static EmbeddedPulsar start() {
        return builder().start();
    }

    /** An open broker in a child JVM. */
    public static EmbeddedPulsar forked() {
        return builder().forked(true).start();
    }

    /** True when {@code pulsar-broker} is on this classpath, so in-process mode is possible. */
    public static boolean inProcessAvailable() {
        return BrokerClasspath.isPresent();
    }

    /** {@code pulsar://127.0.0.1:<port>} for clients. */
    public String brokerServiceUrl() {
        return runtime.brokerServiceUrl();
    }

    /** {@code http://127.0.0.1:<port>} for the admin REST API. */
    public String webServiceUrl() {
        return runtime.webServiceUrl();
    }

    public boolean isForked() {
        return runtime.process().isPresent();
    }

    /** The child JVM of a forked broker; empty in-process. */
    public Optional<ProcessHandle> process() {
        return runtime.process();
    }

    /** The private directory with the bookie's data; deleted on {@link #close()}. */
    public Path workDir() {
        return runtime.workDir();
    }

    /** True when {@link #stop()} and {@link #restart()} are possible ({@link Builder#restartable(boolean)}). */
    public boolean isRestartable() {
        return runtime instanceof ForkedPulsar forked && forked.isRestartable();
    }

    /** False between {@link #stop()} and {@link #restart()} (and after {@link #close()}). */
    public boolean isRunning() {
        return !closed && (!(runtime instanceof ForkedPulsar forked) || forked.isRunning());
    }

    /**
     * Stops the broker the way an operator does (SIGTERM to its JVM: broker and bookie close, flushing their data;
     * SIGKILL after 30 s). Clients stay open and keep trying to reconnect; nothing listens on the ports until
     * {@link #restart()}. Restartable brokers only.
     *
     * @throws IllegalStateException when this broker is not restartable or is closed
     */
    public synchronized void stop() {
        ensureOpen();
        requireRestartable("stop").stop();
    }

    /**
     * Starts the broker again (stopping it first if it runs) in a new JVM on the same ports and data directory,
     * with the same cluster, token settings, tenants, namespaces, topics, messages, subscriptions and
     * deduplication state; blocks until it accepts requests. Existing clients reconnect by themselves.
     * Restartable brokers only.
     *
     * @throws IllegalStateException when this broker is not restartable, is closed, or did not start again
     */
    public synchronized void restart() {
        ensureOpen();
        requireRestartable("restart").restart();
    }

    private ForkedPulsar requireRestartable(String operation) {
        if (runtime instanceof ForkedPulsar forked && forked.isRestartable()) {
            return forked;
        }
        throw new IllegalStateException("cannot " + operation
                + " this broker: only a restartable one can (EmbeddedPulsar.builder().restartable(true).start())");
    }

    public boolean tokenAuthEnabled() {
        return tokenAuth.isPresent();
    }

    /** The super-user role (token authentication only). */
    public String superUserRole() {
        return requireAuth().superUserRole();
    }

    /** A token for the super-user role (token authentication only). */
    public String superUserToken() {
        return createToken(superUserRole());
    }

    /** A token for {@code role}, signed with the broker's secret key (token authentication only). */
    public String createToken(String role) {
        requireAuth();
        return tokens.orElseThrow().mint(role);
    }

    /**
     * The broker's HS256 secret key, base64 (token authentication only): what the control plane needs to mint
     * agent tokens itself. Treat it as a secret.
     */
    public String tokenSecretKeyBase64() {
        return Base64.getEncoder().encodeToString(requireAuth().secretKey());
    }

    /** A shared admin client (super-user when token authentication is on); closed with this instance. */
    public synchronized PulsarAdmin admin() {
        ensureOpen();
        if (admin == null) {
            try {
                PulsarAdminBuilder builder = PulsarAdmin.builder().serviceHttpUrl(webServiceUrl());
                if (tokenAuth.isPresent()) {
                    builder.authentication(AuthenticationFactory.token(superUserToken()));
                }
                admin = builder.build();
            } catch (PulsarClientException e) {
                throw new IllegalStateException("cannot create a Pulsar admin client for " + webServiceUrl(), e);
            }
        }
        return admin;
    }

    /** A new client (super-user when token authentication is on); the caller closes it. */
    public PulsarClient newClient() {
        return tokenAuth.isPresent() ? newClient(superUserToken()) : build(clientBuilder());
    }

    /** A new client that authenticates with {@code token}; the caller closes it. */
    public PulsarClient newClient(String token) {
        Objects.requireNonNull(token, "token");
        return build(clientBuilder().authentication(AuthenticationFactory.token(token)));
    }

    /** A client builder pointing at this broker, without authentication. */
    public ClientBuilder clientBuilder() {
        ensureOpen();
        return PulsarClient.builder().serviceUrl(brokerServiceUrl());
    }

    private static PulsarClient build(ClientBuilder builder) {
        try {
            return builder.build();
        } catch (PulsarClientException e) {
            throw new IllegalStateException("cannot create a Pulsar client", e);
        }
    }

    /** Creates tenant {@code name} on {@link #CLUSTER}; with token authentication, {@code adminRoles} administer it. */
    public void createTenant(String name, String... adminRoles) {
        requireMatch("tenant", name, TENANT);
        Set<String> roles = Set.of(adminRoles);
        roles.forEach(PulsarTokens::requireRole);
        try {
            admin().tenants()
                    .createTenant(
                            name,
                            TenantInfo.builder()
                                    .allowedClusters(Set.of(CLUSTER))
                                    .adminRoles(roles)
                                    .build());
        } catch (PulsarAdminException e) {
            throw new IllegalStateException("cannot create tenant " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates {@code "tenant/namespace"} with the given retention ({@link #RETAIN_FOREVER} for none) and automatic
     * compaction once a topic's backlog exceeds {@code compactionThresholdBytes} (0 = only when triggered).
     */
    public void createNamespace(String namespace, Duration retention, long compactionThresholdBytes) {
        requireMatch("namespace", namespace, NAMESPACE);
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention: " + retention + " (expected: > 0, or RETAIN_FOREVER)");
        }
        if (compactionThresholdBytes < 0) {
            throw new IllegalArgumentException(
                    "compactionThresholdBytes: " + compactionThresholdBytes + " (expected: >= 0, 0 = manual only)");
        }
        int minutes = retention.equals(RETAIN_FOREVER)
                ? -1
                : (int) Math.max(1, Math.min(Integer.MAX_VALUE, retention.toMinutes()));
        try {
            admin().namespaces().createNamespace(namespace, Set.of(CLUSTER));
            admin().namespaces().setRetention(namespace, new RetentionPolicies(minutes, -1));
            admin().namespaces().setCompactionThreshold(namespace, compactionThresholdBytes);
        } catch (PulsarAdminException e) {
            throw new IllegalStateException("cannot create namespace " + namespace + ": " + e.getMessage(), e);
        }
    }

    /** Grants {@code role} the given actions on every topic of {@code namespace}. */
    public void grantNamespacePermission(String namespace, String role, Set<AuthAction> actions) {
        requireMatch("namespace", namespace, NAMESPACE);
        PulsarTokens.requireRole(role);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException(
                    "actions: empty (expected: at least one of " + Set.of(AuthAction.values()) + ")");
        }
        try {
            admin().namespaces().grantPermissionOnNamespace(namespace, role, actions);
        } catch (PulsarAdminException e) {
            throw new IllegalStateException(
                    "cannot grant " + actions + " on " + namespace + " to " + role + ": " + e.getMessage(), e);
        }
    }

    /** Triggers compaction of {@code topic} and waits until it succeeded; fails on error or after {@code timeout}. */
    public void triggerCompactionAndWait(String topic, Duration timeout) {
        Objects.requireNonNull(topic, "topic");
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            try {
                admin().topics().triggerCompaction(topic);
            } catch (PulsarAdminException.ConflictException alreadyRunning) {
                // a compaction (e.g. the automatic one) is running: wait for it, then compact again
                awaitCompaction(topic, deadline);
                admin().topics().triggerCompaction(topic);
            }
            awaitCompaction(topic, deadline);
        } catch (PulsarAdminException e) {
            throw new IllegalStateException("compaction of " + topic + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for compaction of " + topic, e);
        }
    }

    /** {@link #triggerCompactionAndWait(String, Duration)} with a 30 s timeout. */
    public void triggerCompactionAndWait(String topic) {
        triggerCompactionAndWait(topic, Duration.ofSeconds(30));
    }

    private void awaitCompaction(String topic, long deadline) throws PulsarAdminException, InterruptedException {
        while (true) {
            LongRunningProcessStatus status = admin().topics().compactionStatus(topic);
            switch (status.status) {
                case SUCCESS -> {
                    return;
                }
                case ERROR ->
                    throw new IllegalStateException("compaction of " + topic + " failed: " + status.lastError);
                case NOT_RUN, RUNNING -> {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "compaction of " + topic + " still " + status.status + " at the deadline");
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.close();
            admin = null;
        }
        runtime.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this EmbeddedPulsar is closed");
        }
    }

    private PulsarSettings.TokenAuth requireAuth() {
        return tokenAuth.orElseThrow(
                () -> new IllegalStateException("token authentication is off; start with builder().tokenAuth(true)"));
    }

    private static void requireMatch(String what, String value, Pattern pattern) {
        Objects.requireNonNull(value, what);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + ": '" + value + "' (expected: " + pattern.pattern() + ")");
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPulsar[" + brokerServiceUrl() + ", " + webServiceUrl() + (isForked() ? ", forked" : "")
                + (tokenAuthEnabled() ? ", token auth" : "") + "]";
    }

    /** Options; {@link #start()} blocks until the broker accepts requests. */
    public static final class Builder {
        private Boolean forked;
        private boolean restartable;
        private boolean tokenAuth;
        private String superUserRole = DEFAULT_SUPER_USER;
        private Duration startTimeout = Duration.ofSeconds(120);

        private Builder() {}

        /**
         * Run the broker in a child JVM ({@code true}) or in this one ({@code false}). Unset: in this JVM when
         * {@code pulsar-broker} is on the classpath, else forked; the system property
         * {@code gatehouse.devstack.pulsar.mode} ({@code forked} or {@code in-process}) overrides the default.
         */
        public Builder forked(boolean forked) {
            this.forked = forked;
            return this;
        }

        /**
         * Make {@link EmbeddedPulsar#stop()} and {@link EmbeddedPulsar#restart()} possible: the broker keeps its
         * metadata in RocksDB in its data directory (instead of in memory), its bookie journals, and it runs in a
         * child JVM (implies {@link #forked(boolean) forked(true)}; {@code forked(false)} with it is an error).
         * Costs a little start-up time and disk; use a dedicated instance for tests that restart the broker.
         */
        public Builder restartable(boolean restartable) {
            this.restartable = restartable;
            return this;
        }

        /** Token authentication + authorization on, with a fresh random HS256 secret key. */
        public Builder tokenAuth(boolean tokenAuth) {
            this.tokenAuth = tokenAuth;
            return this;
        }

        public Builder superUserRole(String role) {
            this.superUserRole = PulsarTokens.requireRole(role);
            return this;
        }

        /** How long a forked broker may take to print its ready line (default 120 s). */
        public Builder startTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout: " + timeout + " (expected: > 0)");
            }
            this.startTimeout = timeout;
            return this;
        }

        public EmbeddedPulsar start() {
            Optional<PulsarSettings.TokenAuth> auth = Optional.empty();
            if (tokenAuth) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                auth = Optional.of(new PulsarSettings.TokenAuth(key, superUserRole));
            }
            if (restartable && Boolean.FALSE.equals(forked)) {
                throw new IllegalArgumentException(
                        "restartable(true) with forked(false): only a forked broker can be stopped and restarted");
            }
            boolean fork = resolveForked();
            PulsarSettings settings = new PulsarSettings(
                    TempDirs.create("pulsar"), CLUSTER, auth, restartable, PulsarSettings.BrokerPorts.EPHEMERAL);
            PulsarRuntime runtime = fork ? ForkedPulsar.start(settings, startTimeout) : InProcessPulsar.start(settings);
            return new EmbeddedPulsar(runtime, auth);
        }

        private boolean resolveForked() {
            if (restartable) {
                return true;
            }
            if (forked != null) {
                return forked;
            }
            String mode = System.getProperty("gatehouse.devstack.pulsar.mode", "auto");
            return switch (mode) {
                case "forked" -> true;
                case "in-process" -> false;
                case "auto" -> !BrokerClasspath.isPresent();
                default ->
                    throw new IllegalArgumentException(
                            "gatehouse.devstack.pulsar.mode: '" + mode + "' (expected: auto, forked or in-process)");
            };
        }
    }
}
