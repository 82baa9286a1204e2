package io.gatehouse.dataplane;

import io.gatehouse.dataplane.admin.AdminHandler;
import io.gatehouse.dataplane.audit.AuditSink;
import io.gatehouse.dataplane.auth.SecretResolver;
import io.gatehouse.dataplane.bundle.ActiveBundle;
import io.gatehouse.dataplane.bundle.BundleCompiler;
import io.gatehouse.dataplane.bundle.BundleStore;
import io.gatehouse.dataplane.bundle.LocalBundleSource;
import io.gatehouse.dataplane.bundle.TokenVerifierFactory;
import io.gatehouse.dataplane.bundle.UpstreamCredentialFactory;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.config.DataPlaneConfig.Limits;
import io.gatehouse.dataplane.fleet.FleetAgent;
import io.gatehouse.dataplane.mcp.JsonRpcCodec;
import io.gatehouse.dataplane.mcp.SessionStore;
import io.gatehouse.dataplane.metrics.ProxyMetrics;
import io.gatehouse.dataplane.pipeline.AuditHandler;
import io.gatehouse.dataplane.pipeline.AuthenticationHandler;
import io.gatehouse.dataplane.pipeline.GateHandler;
import io.gatehouse.dataplane.pipeline.JsonRpcDecodeHandler;
import io.gatehouse.dataplane.pipeline.KillSwitchGate;
import io.gatehouse.dataplane.pipeline.OpenStreams;
import io.gatehouse.dataplane.pipeline.PolicyGate;
import io.gatehouse.dataplane.pipeline.ProtectedResourceMetadataHandler;
import io.gatehouse.dataplane.pipeline.RateLimitGate;
import io.gatehouse.dataplane.pipeline.RequestDlpGate;
import io.gatehouse.dataplane.pipeline.ResponseRedactionFilter;
import io.gatehouse.dataplane.pipeline.ResponseRelay;
import io.gatehouse.dataplane.pipeline.RouteHandler;
import io.gatehouse.dataplane.pipeline.SessionHandler;
import io.gatehouse.dataplane.pipeline.SupplyChainFilter;
import io.gatehouse.dataplane.pipeline.SupplyChainGate;
import io.gatehouse.dataplane.pipeline.ToolListFilter;
import io.gatehouse.dataplane.pipeline.ToolScopePolicy;
import io.gatehouse.dataplane.pipeline.TransportGuardHandler;
import io.gatehouse.dataplane.pipeline.UpstreamProxyHandler;
import io.gatehouse.dataplane.pipeline.VerifiedTokenCache;
import io.gatehouse.dataplane.policy.PolicyRuntime;
import io.gatehouse.dataplane.ratelimit.RateLimitEngine;
import io.gatehouse.dataplane.redaction.BundleRedactors;
import io.gatehouse.dataplane.redaction.RedactionHashKey;
import io.gatehouse.dataplane.supplychain.ToolPinRegistry;
import io.gatehouse.dataplane.supplychain.UpstreamToolLister;
import io.gatehouse.engine.redaction.Redactor;
import io.gatehouse.engine.supplychain.PoisoningScanner;
import io.gatehouse.protocol.bundle.BundleFormatException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-plane agent's one composition root: every listener, every handler of the MCP request
 * path in order, and the admin endpoints are created here with {@code new}.
 *
 * <p>Request path (DESIGN §3): audit (outermost, records the outcome of everything inside) → 1
 * route → 2 transport guard → 3 authenticate → 4 decode JSON-RPC → 5 kill switch → 6 policy (per-tool
 * scopes, then policy rules and argument guards) → 7 rate limit → 8a server allowlist + tool pins → 8 request DLP → 9 session + upstream
 * proxy → 10 response relay (tool pins + poisoning scan, tools/list filter, result redaction) → 11 audit record.
 */
public final class DataPlaneServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneServer.class);
    private static final Duration TOOL_LIST_TIMEOUT = Duration.ofSeconds(10);

    private final DataPlaneConfig config;
    private final BundleStore bundles;
    private final SessionStore sessions;
    private final ProxyMetrics metrics = new ProxyMetrics();
    private final AuditSink audit;
    private final HttpClient upstreamClient;
    private final Server mcpServer;
    private final ServerConnector mcpConnector;
    private final Server adminServer;
    private final ServerConnector adminConnector;
    private final ScheduledExecutorService sweeper;
    private final OpenStreams openStreams = new OpenStreams();
    private final PolicyRuntime policy;
    private final Clock clock;
    private final ToolPinRegistry toolPins;
    private final BundleRedactors redactors;
    private FleetAgent fleet; // fleet mode only: signed bundles from the control plane over Pulsar

    public DataPlaneServer(
            DataPlaneConfig config,
            TokenVerifierFactory verifiers,
            UpstreamCredentialFactory credentials,
            AuditSink audit,
            Clock clock) {
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        Limits limits = config.limits();
        this.bundles = new BundleStore(new BundleCompiler(config, verifiers, credentials), clock);
        this.sessions = new SessionStore(limits.sessionIdleTimeout(), limits.maxSessions(), clock);
        this.upstreamClient = upstreamClient(limits);
        this.policy = new PolicyRuntime(
                RateLimitEngine.create(config.redis().uri(), config.redis().timeout()), null, openStreams::close);
        bundles.addStage(policy);
        // redaction rules compile once per bundle; the hash action's key is the tenant's, chosen in start()
        this.redactors = new BundleRedactors(hashKey(), Redactor.Options.DEFAULTS);
        // a call to a managed server whose tool list is unchecked makes the agent fetch and check it first
        this.toolPins = new ToolPinRegistry(
                new UpstreamToolLister(
                        upstreamClient,
                        new JsonRpcCodec(limits.maxJsonDepth()).mapper(),
                        min(limits.upstreamResponseTimeout(), TOOL_LIST_TIMEOUT)),
                PoisoningScanner.defaults());

        Handler mcpPath = new AuditHandler(
                audit,
                metrics,
                clock,
                new RouteHandler(
                        bundles,
                        new TransportGuardHandler(
                                limits.maxBodyBytes(),
                                new HashSet<>(config.protocolVersions()),
                                new AuthenticationHandler(
                                        new VerifiedTokenCache(Duration.ofSeconds(10), 10_000, clock),
                                        new JsonRpcDecodeHandler(
                                                limits.maxBodyBytes(),
                                                new JsonRpcCodec(limits.maxJsonDepth()),
                                                new GateHandler(
                                                        "kill-switch",
                                                        new KillSwitchGate(),
                                                        new GateHandler(
                                                                "policy",
                                                                new PolicyGate(
                                                                        new ToolScopePolicy(),
                                                                        policy,
                                                                        openStreams,
                                                                        clock),
                                                                new GateHandler(
                                                                        "rate-limit",
                                                                        new RateLimitGate(policy),
                                                                        new GateHandler(
                                                                                "supply-chain",
                                                                                new SupplyChainGate(toolPins),
                                                                                new GateHandler(
                                                                                        "request-dlp",
                                                                                        new RequestDlpGate(
                                                                                                redactors,
                                                                                                new JsonRpcCodec(
                                                                                                                limits
                                                                                                                        .maxJsonDepth())
                                                                                                        .mapper()),
                                                                                        new SessionHandler(
                                                                                                sessions,
                                                                                                new UpstreamProxyHandler(
                                                                                                        upstreamClient,
                                                                                                        limits,
                                                                                                        sessions,
                                                                                                        new ResponseRelay(
                                                                                                                List.of(
                                                                                                                        new SupplyChainFilter(
                                                                                                                                toolPins,
                                                                                                                                PoisoningScanner
                                                                                                                                        .defaults()),
                                                                                                                        new ToolListFilter(),
                                                                                                                        new ResponseRedactionFilter(
                                                                                                                                redactors)),
                                                                                                                new JsonRpcCodec(
                                                                                                                                limits
                                                                                                                                        .maxJsonDepth())
                                                                                                                        .mapper(),
                                                                                                                limits
                                                                                                                        .maxResponseBytes())))))))))))));

        this.mcpServer = new Server(threadPool("mcp", 200));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.mcpConnector = new ServerConnector(
                mcpServer, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
        mcpConnector.setHost(config.listener().host());
        mcpConnector.setPort(config.listener().port());
        mcpConnector.setIdleTimeout(limits.streamIdleTimeout().toMillis());
        mcpServer.addConnector(mcpConnector);
        mcpServer.setHandler(new Handler.Sequence(new ProtectedResourceMetadataHandler(bundles), mcpPath));
        mcpServer.setStopTimeout(2_000);

        this.adminServer = new Server(threadPool("admin", 16));
        this.adminConnector = new ServerConnector(adminServer);
        adminConnector.setHost(config.admin().host());
        adminConnector.setPort(config.admin().port());
        adminServer.addConnector(adminConnector);
        adminServer.setHandler(new AdminHandler(metrics, this::notReadyReason));

        audit.gauges().forEach(g -> metrics.gauge(g.name(), g.help(), g.value()));
        metrics.gauge("gatehouse_dp_sessions", "Gateway sessions currently held", sessions::size);
        metrics.gauge("gatehouse_dp_bundle_version", "Version of the bundle in force (0: none)", () -> {
            ActiveBundle current = bundles.current();
            return current == null ? 0 : current.metadata().version();
        });
        metrics.gauge(
                "gatehouse_dp_policy_denials",
                "Calls denied by policy rules, defaults or argument guards",
                policy::denials);
        metrics.gauge(
                "gatehouse_dp_policy_shadow_denials",
                "Calls a shadow-mode rule would have denied",
                policy::shadowDenials);
        metrics.gauge(
                "gatehouse_dp_open_upstream_exchanges",
                "Requests (SSE streams included) open towards upstreams",
                openStreams::size);
        for (io.gatehouse.protocol.bundle.RateLimit.FailureMode mode :
                io.gatehouse.protocol.bundle.RateLimit.FailureMode.values()) {
            String label = mode.name().toLowerCase(java.util.Locale.ROOT);
            metrics.gauge(
                    "gatehouse_dp_ratelimit_backend_unavailable_" + label,
                    "Rate-limited calls decided by failure mode " + label + " because Redis was unavailable",
                    () -> policy.rateLimits().backendFailures().getOrDefault(mode, 0L));
        }
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("session-sweeper").daemon(true).unstarted(r));
    }

    private static byte[] hashKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static QueuedThreadPool threadPool(String name, int maxThreads) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, 4);
        pool.setName(name);
        // handlers block on upstream I/O; on virtual threads a long SSE stream costs no platform thread
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor(name + "-vt"));
        return pool;
    }

    private static HttpClient upstreamClient(Limits limits) {
        HttpClient client = new HttpClient();
        client.setConnectTimeout(limits.upstreamConnectTimeout().toMillis());
        client.setIdleTimeout(limits.streamIdleTimeout().toMillis());
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(2048);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Gatehouse-DataPlane"));
        client.getContentDecoderFactories().clear(); // relay bytes as sent; no gzip round trip
        return client;
    }

    /**
     * Applies the bundle (local file mode), or in fleet mode enforces the last-known-good bundle and starts reading
     * signed bundles from Pulsar; then opens both listeners.
     */
    public void start() throws Exception {
        long started = System.nanoTime();
        if (config.fleet() != null) {
            fleet = FleetAgent.create(config.fleet(), bundles, metrics, clock);
            toolPins.onDiscovered(fleet.toolDiscovery()); // managed servers' tool lists go to the control plane
        }
        Optional<byte[]> enrolledHashKey = fleet != null ? fleet.state().redactionHashKey() : Optional.empty();
        redactors.useHashKey(
                RedactionHashKey.choose(enrolledHashKey, config.redaction().hashKey(), new SecretResolver())
                        .key());
        if (fleet != null) {
            fleet.start();
        } else {
            applyLocalBundle();
        }
        upstreamClient.start();
        adminServer.start();
        mcpServer.start();
        sweeper.scheduleWithFixedDelay(sessions::sweep, 30, 30, TimeUnit.SECONDS);
        ActiveBundle bundle = bundles.current();
        LOG.info(
                "data plane ready in {} ms: mcp {} admin {}, bundle {}",
                (System.nanoTime() - started) / 1_000_000,
                mcpBaseUri(),
                adminBaseUri(),
                bundle == null
                        ? "none yet (waiting for the control plane)"
                        : bundle.metadata().tenantId() + " v"
                                + bundle.metadata().version() + " ("
                                + bundle.routes().size() + " routes)");
    }

    private void applyLocalBundle() {
        BundleStore.Outcome outcome;
        try {
            outcome = bundles.apply(LocalBundleSource.read(config.bundleFile()));
        } catch (BundleFormatException e) {
            throw new IllegalStateException("bundle rejected: " + e.getMessage(), e);
        }
        if (outcome != BundleStore.Outcome.APPLIED) {
            throw new IllegalStateException("bundle " + config.bundleFile() + " not applied: " + outcome);
        }
    }

    /** The fleet agent (fleet mode, after {@link #start()}), else null. */
    public FleetAgent fleet() {
        return fleet;
    }

    private String notReadyReason() {
        if (bundles.current() == null) {
            return "no bundle applied";
        }
        if (!mcpServer.isStarted()) {
            return "MCP listener not started";
        }
        return null;
    }

    public BundleStore bundles() {
        return bundles;
    }

    /** The compiled policy and rate limits in force (steps 6–7). */
    public PolicyRuntime policy() {
        return policy;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public int mcpPort() {
        return mcpConnector.getLocalPort();
    }

    public int adminPort() {
        return adminConnector.getLocalPort();
    }

    /** {@code http://host:port} of the MCP listener (routes are at {@code /mcp/{slug}}). */
    public URI mcpBaseUri() {
        return URI.create("http://" + hostFor(config.listener().host()) + ":" + mcpPort());
    }

    public URI adminBaseUri() {
        return URI.create("http://" + hostFor(config.admin().host()) + ":" + adminPort());
    }

    private static String hostFor(String bindHost) {
        return bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
    }

    public void join() throws InterruptedException {
        mcpServer.join();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        if (fleet != null) {
            fleet.close();
        }
        for (AutoCloseable closeable : new AutoCloseable[] {mcpServer::stop, adminServer::stop, upstreamClient::stop}) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("shutdown: {}", e.toString());
            }
        }
        policy.close();
        audit.close();
    }
}
