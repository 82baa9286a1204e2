package io.gatehouse.dataplane;

import io.gatehouse.dataplane.admin.AdminHandler;
import io.gatehouse.dataplane.audit.AuditSink;
import io.gatehouse.dataplane.bundle.ActiveBundle;
import io.gatehouse.dataplane.bundle.BundleCompiler;
import io.gatehouse.dataplane.bundle.BundleStore;
import io.gatehouse.dataplane.bundle.LocalBundleSource;
import io.gatehouse.dataplane.bundle.TokenVerifierFactory;
import io.gatehouse.dataplane.bundle.UpstreamCredentialFactory;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.config.DataPlaneConfig.Limits;
import io.gatehouse.dataplane.mcp.JsonRpcCodec;
import io.gatehouse.dataplane.mcp.SessionStore;
import io.gatehouse.dataplane.metrics.ProxyMetrics;
import io.gatehouse.dataplane.pipeline.AuditHandler;
import io.gatehouse.dataplane.pipeline.AuthenticationHandler;
import io.gatehouse.dataplane.pipeline.Gate;
import io.gatehouse.dataplane.pipeline.GateHandler;
import io.gatehouse.dataplane.pipeline.JsonRpcDecodeHandler;
import io.gatehouse.dataplane.pipeline.KillSwitchGate;
import io.gatehouse.dataplane.pipeline.ProtectedResourceMetadataHandler;
import io.gatehouse.dataplane.pipeline.ResponseFilter;
import io.gatehouse.dataplane.pipeline.ResponseRelay;
import io.gatehouse.dataplane.pipeline.RouteHandler;
import io.gatehouse.dataplane.pipeline.SessionHandler;
import io.gatehouse.dataplane.pipeline.ToolListFilter;
import io.gatehouse.dataplane.pipeline.ToolScopePolicy;
import io.gatehouse.dataplane.pipeline.TransportGuardHandler;
import io.gatehouse.dataplane.pipeline.UpstreamProxyHandler;
import io.gatehouse.dataplane.pipeline.VerifiedTokenCache;
import io.gatehouse.protocol.bundle.BundleFormatException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
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
 * scopes) → 7 rate limit (seam) → 8 request DLP (seam) → 9 session + upstream proxy → 10 response
 * relay (tools/list filter; redaction seam) → 11 audit record.
 */
public final class DataPlaneServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneServer.class);

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

    public DataPlaneServer(
            DataPlaneConfig config,
            TokenVerifierFactory verifiers,
            UpstreamCredentialFactory credentials,
            AuditSink audit,
            Clock clock) {
        this.config = config;
        this.audit = audit;
        Limits limits = config.limits();
        this.bundles = new BundleStore(new BundleCompiler(config, verifiers, credentials), clock);
        this.sessions = new SessionStore(limits.sessionIdleTimeout(), limits.maxSessions(), clock);
        this.upstreamClient = upstreamClient(limits);

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
                                                                new ToolScopePolicy(),
                                                                // seam: rate limits (Bucket4j) have their own issue
                                                                new GateHandler(
                                                                        "rate-limit",
                                                                        Gate.NONE,
                                                                        // seam: request DLP has its own issue
                                                                        new GateHandler(
                                                                                "request-dlp",
                                                                                Gate.NONE,
                                                                                new SessionHandler(
                                                                                        sessions,
                                                                                        new UpstreamProxyHandler(
                                                                                                upstreamClient,
                                                                                                limits,
                                                                                                sessions,
                                                                                                new ResponseRelay(
                                                                                                        List.of(
                                                                                                                new ToolListFilter(),
                                                                                                                // seam:
                                                                                                                // response redaction has its own issue
                                                                                                                ResponseFilter
                                                                                                                        .NONE),
                                                                                                        new JsonRpcCodec(
                                                                                                                        limits
                                                                                                                                .maxJsonDepth())
                                                                                                                .mapper(),
                                                                                                        limits
                                                                                                                .maxResponseBytes()))))))))))));

        this.mcpServer = new Server(threadPool("mcp"));
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

        this.adminServer = new Server(threadPool("admin"));
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
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("session-sweeper").daemon(true).unstarted(r));
    }

    private static QueuedThreadPool threadPool(String name) {
        QueuedThreadPool pool = new QueuedThreadPool(200, 4);
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

    /** Loads the local bundle and opens both listeners. */
    public void start() throws Exception {
        long started = System.nanoTime();
        BundleStore.Outcome outcome;
        try {
            outcome = bundles.apply(LocalBundleSource.read(config.bundleFile()));
        } catch (BundleFormatException e) {
            throw new IllegalStateException("bundle rejected: " + e.getMessage(), e);
        }
        if (outcome != BundleStore.Outcome.APPLIED) {
            throw new IllegalStateException("bundle " + config.bundleFile() + " not applied: " + outcome);
        }
        upstreamClient.start();
        adminServer.start();
        mcpServer.start();
        sweeper.scheduleWithFixedDelay(sessions::sweep, 30, 30, TimeUnit.SECONDS);
        ActiveBundle bundle = bundles.current();
        LOG.info(
                "data plane ready in {} ms: mcp {} admin {}, bundle {} v{} ({} routes)",
                (System.nanoTime() - started) / 1_000_000,
                mcpBaseUri(),
                adminBaseUri(),
                bundle.metadata().tenantId(),
                bundle.metadata().version(),
                bundle.routes().size());
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
        for (AutoCloseable closeable : new AutoCloseable[] {mcpServer::stop, adminServer::stop, upstreamClient::stop}) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("shutdown: {}", e.toString());
            }
        }
        audit.close();
    }
}
