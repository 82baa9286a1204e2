package io.gatehouse.devstack.mcp;

import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The demo MCP server of {@code ./gatehouse dev} (DESIGN §8): Streamable HTTP at {@code /mcp} with the
 * tools {@code echo(message)}, {@code read_file(path)} (only inside a demo folder it creates and seeds),
 * {@code fetch_url(url)} and {@code slow_count(n)} (a progress notification every 100 ms).
 *
 * <pre>{@code
 * try (DemoMcpServer demo = DemoMcpServer.builder().port(0).demoFolder(dir).start()) {
 *     URI url = demo.url();
 * }
 * }</pre>
 *
 * <p>From the command line: {@code DemoMcpServer [--port 9100] [--bind 127.0.0.1] [--demo-dir
 * .gatehouse/demo-files] [--allowed-host HOST:*]...}; it prints {@code demo MCP server ready: <url>}.
 */
public final class DemoMcpServer implements AutoCloseable {

    /** The default port of the demo server (DESIGN §8). */
    public static final int DEFAULT_PORT = 9100;

    private final StreamableHttpHost host;
    private final DemoFolder folder;

    private DemoMcpServer(StreamableHttpHost host, DemoFolder folder) {
        this.host = host;
        this.folder = folder;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Streamable HTTP endpoint, e.g. {@code http://127.0.0.1:9100/mcp}. */
    public URI url() {
        return host.url();
    }

    public int port() {
        return host.url().getPort();
    }

    /** The folder {@code read_file} serves (absolute, symbolic links resolved). */
    public Path demoFolder() {
        return folder.root();
    }

    @Override
    public void close() {
        host.close();
    }

    public static void main(String[] args) throws InterruptedException {
        Builder builder = builder().port(DEFAULT_PORT).demoFolder(Path.of(".gatehouse", "demo-files"));
        List<String> extraHosts = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            String value = FixtureMcpServer.require(args[i], i + 1 < args.length ? args[i + 1] : null);
            switch (args[i]) {
                case "--port" -> builder.port(parsePort(value));
                case "--bind" -> builder.bindAddress(value);
                case "--demo-dir" -> builder.demoFolder(Path.of(value));
                case "--allowed-host" -> extraHosts.add(value);
                default ->
                    throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "' (expected --port N, --bind ADDR, --demo-dir DIR, --allowed-host HOST[:PORT|:*])");
            }
        }
        builder.hostValidation(HostValidation.LOOPBACK.withExtraHosts(extraHosts));
        DemoMcpServer server = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("demo MCP server ready: " + server.url() + " (demo folder " + server.demoFolder() + ")");
        stopped.await();
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port: '" + value + "' (expected a number 0..65535)", e);
        }
    }

    /** Options: bind address (127.0.0.1), port (0 = ephemeral), demo folder (a new temp dir), Host/Origin. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private Path demoFolder;
        private HostValidation hostValidation = HostValidation.LOOPBACK;

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

        /** Where the demo files live; created and seeded if missing (existing files are kept). */
        public Builder demoFolder(Path demoFolder) {
            this.demoFolder = Objects.requireNonNull(demoFolder, "demoFolder");
            return this;
        }

        public Builder hostValidation(HostValidation hostValidation) {
            this.hostValidation = Objects.requireNonNull(hostValidation, "hostValidation");
            return this;
        }

        public DemoMcpServer start() {
            Path dir = demoFolder != null ? demoFolder : newTempFolder();
            DemoFolder folder = DemoFolder.createAndSeed(dir);
            DemoTools tools = new DemoTools(folder);
            StreamableHttpHost host = StreamableHttpHost.start(
                    "demo-mcp",
                    bindAddress,
                    port,
                    hostValidation,
                    spec -> spec.serverInfo("gatehouse-demo-mcp", "1.0.0")
                            .instructions("Gatehouse demo server: echo, read_file (demo folder only), fetch_url, "
                                    + "slow_count (streams progress).")
                            .capabilities(
                                    ServerCapabilities.builder().tools(false).build())
                            .tools(tools.all())
                            .requestTimeout(Duration.ofSeconds(30))
                            .build());
            return new DemoMcpServer(host, folder);
        }

        private static Path newTempFolder() {
            try {
                return Files.createTempDirectory("gatehouse-demo-files-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a demo folder: " + e.getMessage(), e);
            }
        }
    }
}
