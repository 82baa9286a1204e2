package io.gatehouse.dataplane;

import io.gatehouse.dataplane.audit.AuditPipeline;
import io.gatehouse.dataplane.audit.AuditSink;
import io.gatehouse.dataplane.audit.JsonLinesAuditSink;
import io.gatehouse.dataplane.audit.LocalAgentIdentity;
import io.gatehouse.dataplane.audit.ShipperSettings;
import io.gatehouse.dataplane.auth.TokenVerifiers;
import io.gatehouse.dataplane.bundle.LocalBundleSource;
import io.gatehouse.dataplane.bundle.UpstreamAuthMapper;
import io.gatehouse.dataplane.config.ConfigException;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.fleet.EnrollCommand;
import io.gatehouse.dataplane.fleet.EnrolledState;
import io.gatehouse.dataplane.fleet.EnrollmentException;
import io.gatehouse.dataplane.fleet.FleetAgent;
import io.gatehouse.dataplane.fleet.FleetStateException;
import io.gatehouse.dataplane.upstream.UpstreamCredentialOptions;
import io.gatehouse.dataplane.upstream.UpstreamCredentials;
import io.gatehouse.protocol.signing.AgentIdentity;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code ./gatehouse data-plane config.yml}: loads and validates the YAML config, starts the agent
 * with the production token verifier and upstream credentials, and runs until stopped.
 * {@code ./gatehouse data-plane enroll ...} enrolls the agent with a control plane ({@link EnrollCommand}).
 */
public final class DataPlaneMain {

    private DataPlaneMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("enroll")) {
            System.exit(EnrollCommand.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length),
                    System::getenv,
                    Clock.systemUTC(),
                    System.out,
                    System.err));
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: gatehouse data-plane <config.yml>");
            System.err.println(
                    "       gatehouse data-plane enroll --control-plane URL --token TOKEN [--state-dir DIR]");
            System.exit(2);
        }
        warmUpInBackground();
        DataPlaneConfig config;
        try {
            config = ConfigLoader.load(Path.of(args[0]));
        } catch (ConfigException e) {
            System.err.println("gatehouse data-plane: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        DataPlaneServer server = create(config);
        try {
            server.start();
        } catch (Exception e) {
            System.err.println("gatehouse data-plane: cannot start: " + e.getMessage());
            server.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        System.out.println(
                "gatehouse data-plane: ready mcp=" + server.mcpBaseUri() + " admin=" + server.adminBaseUri());
        server.join();
    }

    /**
     * Start-up time is mostly one-off initialisation on one thread: logging (logback reads its XML configuration),
     * the JDK's default TLS context (every {@code java.net.http} client builds it, loading the CA certificates) and
     * the platform MBean server (Jetty's {@code MemoryUtils} and the JVM metrics), each 150-400 ms. Both are idempotent and thread-safe, so a second thread does them while the
     * main thread parses the configuration and compiles the bundle; whichever comes first waits for the other.
     */
    private static void warmUpInBackground() {
        Thread warmUp = new Thread(
                () -> {
                    try {
                        org.slf4j.LoggerFactory.getILoggerFactory();
                        javax.net.ssl.SSLContext.getDefault();
                        java.lang.management.ManagementFactory.getPlatformMBeanServer(); // Jetty and metrics read it
                    } catch (java.security.NoSuchAlgorithmException | RuntimeException e) {
                        // the main thread meets the same failure where it matters, with its own error message
                    }
                },
                "start-up-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** The agent with its production collaborators (Nimbus JWKS verifier, secret-reference credentials). */
    public static DataPlaneServer create(DataPlaneConfig config) throws java.io.IOException {
        AuditSink audit = audit(config); // first: its bundle decoding overlaps the TLS warm-up the next line needs
        UpstreamCredentials credentials = new UpstreamCredentials(UpstreamCredentialOptions.defaults());
        return new DataPlaneServer(
                config,
                TokenVerifiers::create,
                (serverId, auth) -> credentials.create(UpstreamAuthMapper.toSettings(auth)),
                audit,
                Clock.systemUTC());
    }

    /**
     * The audit sink of an agent started from its config file: the WAL (+ shipper when {@code audit.pulsar} is
     * set, + JSON-lines mirror when {@code audit.file} is set). An enrolled agent (fleet mode) signs its batches
     * with its enrolled identity and ships them to its tenant's audit topic with its enrollment's Pulsar access;
     * a local-bundle agent signs with a local key ({@link LocalAgentIdentity}).
     */
    static AuditSink audit(DataPlaneConfig config) throws java.io.IOException {
        DataPlaneConfig.Audit settings = config.audit();
        AuditSink mirror = settings.file() == null ? null : JsonLinesAuditSink.toFile(settings.file());
        if (settings.wal() == null) {
            return mirror != null ? mirror : JsonLinesAuditSink.toStdout();
        }
        if (config.fleet() != null) {
            EnrolledState state;
            try {
                state = FleetAgent.openState(config.fleet(), Clock.systemUTC());
            } catch (FleetStateException | EnrollmentException e) {
                throw new java.io.IOException("fleet: " + e.getMessage(), e);
            }
            ShipperSettings shipper = settings.pulsar() != null
                    ? settings.pulsar()
                    : new ShipperSettings(
                            FleetAgent.pulsarUrl(config.fleet(), state),
                            state.pulsar().authToken(),
                            null,
                            32);
            return AuditPipeline.start(
                    settings.wal(),
                    state.identity(),
                    state.tenantId(),
                    state.agentId(),
                    Clock.systemUTC(),
                    shipper,
                    mirror);
        }
        String tenant = settings.tenant();
        if (tenant == null) {
            try {
                tenant = LocalBundleSource.read(config.bundleFile()).metadata().tenantId();
            } catch (io.gatehouse.protocol.bundle.BundleFormatException e) {
                throw new java.io.IOException(
                        "audit: no audit.tenant and the bundle is unreadable: " + e.getMessage(), e);
            }
        }
        String agentId = settings.agentId() != null ? settings.agentId() : defaultAgentId();
        AgentIdentity identity =
                LocalAgentIdentity.loadOrCreate(settings.wal().dir().resolve("agent-key.jwk"));
        return AuditPipeline.start(
                settings.wal(), identity, tenant, agentId, Clock.systemUTC(), settings.pulsar(), mirror);
    }

    private static String defaultAgentId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        String id = "agent-" + host.replaceAll("[^A-Za-z0-9._-]", "-");
        return id.length() > 128 ? id.substring(0, 128) : id;
    }
}
