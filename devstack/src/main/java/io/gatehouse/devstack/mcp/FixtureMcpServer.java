package io.gatehouse.devstack.mcp;

import io.modelcontextprotocol.spec.McpSchema.ResourcesUpdatedNotification;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our upstream test server: the MCP conformance suite's server fixtures (tools {@code test_simple_text},
 * {@code test_image_content}, …, resources {@code test://…}, prompts {@code test_simple_prompt}, …,
 * logging, completion, subscriptions) implemented with the official MCP Java SDK, Streamable HTTP on an
 * embedded Jetty. All 32 scenarios of {@code conformance@0.1.16 server --suite all} pass against it.
 *
 * <pre>{@code
 * try (FixtureMcpServer upstream = FixtureMcpServer.start()) {
 *     URI url = upstream.url(); // http://127.0.0.1:<port>/mcp
 * }
 * // behind a gateway that sends its own Host header:
 * FixtureMcpServer.builder().hostValidation(HostValidation.LOOPBACK.withExtraHosts(List.of("upstream.internal:*"))).start();
 * }</pre>
 *
 * <p>It validates {@code Host} and {@code Origin} ({@link HostValidation#LOOPBACK} by default), which is
 * what the suite's {@code dns-rebinding-protection} scenario checks.
 */
public final class FixtureMcpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FixtureMcpServer.class);

    private final StreamableHttpHost host;
    private final ScheduledExecutorService watcher;

    private FixtureMcpServer(StreamableHttpHost host, ScheduledExecutorService watcher) {
        this.host = host;
        this.watcher = watcher;
    }

    /** Starts on 127.0.0.1, an ephemeral port, loopback Host/Origin validation. */
    public static FixtureMcpServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Streamable HTTP endpoint, e.g. {@code http://127.0.0.1:41234/mcp}. */
    public URI url() {
        return host.url();
    }

    public int port() {
        return host.url().getPort();
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        host.close();
    }

    /**
     * Runs the fixture until the JVM is stopped. Arguments: {@code [--port N] [--bind ADDR]
     * [--allowed-host H]...}; prints {@code fixture MCP server ready: <url>}.
     */
    public static void main(String[] args) throws InterruptedException {
        Builder builder = builder();
        List<String> extraHosts = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> builder.port(Integer.parseInt(require(args[i], value)));
                case "--bind" -> builder.bindAddress(require(args[i], value));
                case "--allowed-host" -> extraHosts.add(require(args[i], value));
                default ->
                    throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "' (expected --port N, --bind ADDR, --allowed-host HOST[:PORT|:*])");
            }
            i++;
        }
        builder.hostValidation(HostValidation.LOOPBACK.withExtraHosts(extraHosts));
        FixtureMcpServer server = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("fixture MCP server ready: " + server.url());
        stopped.await();
    }

    static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + ": missing value");
        }
        return value;
    }

    /** Options: bind address (default 127.0.0.1), port (default 0), Host/Origin validation, watch interval. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private HostValidation hostValidation = HostValidation.LOOPBACK;
        private Duration watchedResourceInterval = Duration.ofSeconds(3);

        private Builder() {}

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected 0..65535, 0 = ephemeral)");
            }
            this.port = port;
            return this;
        }

        /** Which Host/Origin headers are accepted; use {@link HostValidation#withExtraHosts} behind a proxy. */
        public Builder hostValidation(HostValidation hostValidation) {
            this.hostValidation = Objects.requireNonNull(hostValidation, "hostValidation");
            return this;
        }

        /** How often {@code test://watched-resource} changes (and subscribers are notified). */
        public Builder watchedResourceInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("watchedResourceInterval: " + interval + " (expected > 0)");
            }
            this.watchedResourceInterval = interval;
            return this;
        }

        public FixtureMcpServer start() {
            FixtureResources resources = new FixtureResources();
            StreamableHttpHost host = StreamableHttpHost.start(
                    "fixture-mcp",
                    bindAddress,
                    port,
                    hostValidation,
                    spec -> spec.serverInfo("gatehouse-fixture-mcp", "1.0.0")
                            .instructions(
                                    "Gatehouse test fixture implementing the MCP conformance suite's server fixtures.")
                            .capabilities(ServerCapabilities.builder()
                                    .tools(true)
                                    .resources(true, true)
                                    .prompts(true)
                                    .logging()
                                    .completions()
                                    .build())
                            .tools(FixtureTools.all())
                            .resources(resources.resources())
                            .resourceTemplates(resources.templates())
                            .prompts(FixturePrompts.all())
                            .completions(FixturePrompts.completions())
                            .requestTimeout(Duration.ofSeconds(30))
                            .build());
            ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fixture-mcp-watched-resource");
                t.setDaemon(true);
                return t;
            });
            long millis = watchedResourceInterval.toMillis();
            watcher.scheduleAtFixedRate(
                    () -> {
                        resources.touchWatched();
                        try {
                            host.mcp()
                                    .notifyResourcesUpdated(new ResourcesUpdatedNotification(FixtureResources.WATCHED));
                        } catch (RuntimeException e) {
                            log.debug(
                                    "resources/updated for {} not delivered: {}",
                                    FixtureResources.WATCHED,
                                    e.toString());
                        }
                    },
                    millis,
                    millis,
                    TimeUnit.MILLISECONDS);
            log.info("fixture MCP server listening at {}", host.url());
            return new FixtureMcpServer(host, watcher);
        }
    }
}
