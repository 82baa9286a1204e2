package io.gatehouse.dataplane.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The agent's validated configuration (see docs/data-plane.md for every key and its default).
 *
 * @param profile production, or test (only test allows {@code auth: off})
 * @param bundleFile the local bundle file (offline/dev mode); null in fleet mode
 * @param listener the MCP listener
 * @param admin the admin listener (health, readiness, metrics)
 * @param limits transport and upstream limits
 * @param protocolVersions MCP protocol versions accepted in {@code MCP-Protocol-Version}
 * @param routes per-route settings by slug
 * @param audit where audit records go
 * @param redis the Redis that rate-limit buckets are shared through; {@link Redis#NONE}: buckets
 *     stay local to this agent
 * @param fleet enrolled (fleet) mode: signed bundles over Pulsar; null in local-file mode. Exactly one of
 *     {@code bundleFile} and {@code fleet} is set.
 */
public record DataPlaneConfig(
        Profile profile,
        Path bundleFile,
        Endpoint listener,
        Endpoint admin,
        Limits limits,
        List<String> protocolVersions,
        Map<String, RouteSettings> routes,
        Audit audit,
        Redis redis,
        Fleet fleet,
        Redaction redaction) {

    public static final List<String> DEFAULT_PROTOCOL_VERSIONS = List.of("2025-03-26", "2025-06-18", "2025-11-25");

    public DataPlaneConfig {
        requireNonNull(profile, "profile");
        if ((bundleFile == null) == (fleet == null)) {
            throw new IllegalArgumentException("exactly one of bundleFile and fleet must be set");
        }
        requireNonNull(listener, "listener");
        requireNonNull(admin, "admin");
        requireNonNull(limits, "limits");
        protocolVersions = List.copyOf(protocolVersions);
        routes = Map.copyOf(routes);
        requireNonNull(audit, "audit");
        redis = redis == null ? Redis.NONE : redis;
        redaction = redaction == null ? Redaction.NONE : redaction;
    }

    /** A configuration without redaction settings. */
    public DataPlaneConfig(
            Profile profile,
            Path bundleFile,
            Endpoint listener,
            Endpoint admin,
            Limits limits,
            List<String> protocolVersions,
            Map<String, RouteSettings> routes,
            Audit audit,
            Redis redis,
            Fleet fleet) {
        this(profile, bundleFile, listener, admin, limits, protocolVersions, routes, audit, redis, fleet, null);
    }

    /**
     * Redaction settings of the agent.
     *
     * @param hashKey secret reference ({@code env:NAME} or {@code file:/path}) to the key of the redaction
     *     {@code hash} action (base64 of at least 16 bytes), for local-bundle mode; null: none (an enrolled agent
     *     uses its tenant's key from enrollment; without either, a per-process key)
     */
    public record Redaction(String hashKey) {
        public static final Redaction NONE = new Redaction(null);
    }

    /** A local-bundle-file configuration without Redis: rate-limit buckets are local. */
    public DataPlaneConfig(
            Profile profile,
            Path bundleFile,
            Endpoint listener,
            Endpoint admin,
            Limits limits,
            List<String> protocolVersions,
            Map<String, RouteSettings> routes,
            Audit audit) {
        this(profile, bundleFile, listener, admin, limits, protocolVersions, routes, audit, Redis.NONE, null);
    }

    /**
     * Where rate-limit buckets are shared.
     *
     * @param uri {@code redis://} or {@code rediss://} URI; null: no Redis, buckets are local
     * @param timeout bound on each Redis round trip; past it a limit follows its failure mode
     */
    public record Redis(String uri, Duration timeout) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);
        public static final Redis NONE = new Redis(null, DEFAULT_TIMEOUT);

        public Redis {
            requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("redis.timeout: " + timeout + " (expected: > 0)");
            }
        }
    }

    public enum Profile {
        PRODUCTION,
        TEST
    }

    public enum AuthMode {
        /** Every request needs a valid bearer token (the default). */
        REQUIRED,
        /** No authentication: callers are anonymous. Only allowed with {@code profile: test}. */
        OFF
    }

    /** A listening socket; port 0 picks a free port. */
    public record Endpoint(String host, int port) {}

    /**
     * @param maxBodyBytes largest accepted POST body
     * @param maxJsonDepth deepest accepted JSON nesting
     * @param maxResponseBytes largest upstream JSON response or single SSE event the agent inspects
     * @param upstreamConnectTimeout TCP connect timeout to upstreams
     * @param upstreamResponseTimeout time until an upstream answers with headers
     * @param streamIdleTimeout an SSE stream with no traffic for this long is closed
     * @param sessionIdleTimeout a session unused for this long expires (then 404)
     * @param maxSessions sessions kept at most; initialize beyond that gets 503
     */
    public record Limits(
            int maxBodyBytes,
            int maxJsonDepth,
            int maxResponseBytes,
            Duration upstreamConnectTimeout,
            Duration upstreamResponseTimeout,
            Duration streamIdleTimeout,
            Duration sessionIdleTimeout,
            int maxSessions) {

        public static Limits defaults() {
            return new Limits(
                    1024 * 1024,
                    64,
                    16 * 1024 * 1024,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(60),
                    Duration.ofMinutes(5),
                    Duration.ofMinutes(30),
                    100_000);
        }
    }

    /** Per-route settings (keyed by the bundle server's slug). */
    public record RouteSettings(AuthMode auth) {}

    /**
     * @param file JSON-lines mirror of the audit records; {@code null} = none
     * @param agentId the agent id batches carry; {@code null} = enrollment's, else {@code agent-<hostname>}
     * @param tenant the agent's tenant; {@code null} = enrollment's, else the local bundle's tenant
     * @param wal the write-ahead log; {@code null} = no WAL (records only go to {@code file})
     * @param pulsar where the shipper sends batches; {@code null} = no shipper (the WAL fills up to its disk
     *     limit, then its {@code whenFull} policy applies)
     */
    public record Audit(
            Path file,
            String agentId,
            String tenant,
            io.gatehouse.dataplane.audit.WalSettings wal,
            io.gatehouse.dataplane.audit.ShipperSettings pulsar) {

        /** Only a JSON-lines file (or nothing): no WAL, no shipper. */
        public Audit(Path file) {
            this(file, null, null, null, null);
        }
    }

    /**
     * Fleet mode: the agent was enrolled with a control plane and applies signed bundles from Pulsar.
     *
     * @param stateDir the enrollment state (identity, pinned trust set, last-known-good bundle)
     * @param heartbeatInterval how often a HEARTBEAT status is sent
     * @param resyncInterval how often the whole compacted bundle topic is re-read (safety net)
     * @param pulsarUrl overrides the Pulsar service URL handed out at enrollment; null = use that one
     * @param enroll enroll at start when {@code stateDir} holds no enrollment yet; null = must be enrolled
     */
    public record Fleet(
            Path stateDir, Duration heartbeatInterval, Duration resyncInterval, String pulsarUrl, Enroll enroll) {

        public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
        public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(15);

        public Fleet {
            requireNonNull(stateDir, "stateDir");
            requireNonNull(heartbeatInterval, "heartbeatInterval");
            requireNonNull(resyncInterval, "resyncInterval");
        }
    }

    /**
     * Enrollment from the config file (instead of {@code gatehouse data-plane enroll}).
     *
     * @param controlPlane the control plane's base URL
     * @param token the one-time enrollment token (secret; never logged)
     * @param name the agent's name; null = host name
     */
    public record Enroll(String controlPlane, String token, String name) {
        public Enroll {
            requireNonNull(controlPlane, "controlPlane");
            requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Enroll[controlPlane=" + controlPlane + ", token=***, name=" + name + "]";
        }
    }

    /** The auth mode of a route: its explicit setting, else {@link AuthMode#REQUIRED}. */
    public AuthMode authFor(String slug) {
        RouteSettings settings = routes.get(slug);
        return settings == null ? AuthMode.REQUIRED : settings.auth();
    }
}
