package io.gatehouse.devstack.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.devstack.node.NodeTools;
import io.gatehouse.devstack.node.NpmPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Streamable HTTP front for a stdio MCP server process, so stdio-only servers (such as {@code
 * @modelcontextprotocol/server-filesystem}) can be Gatehouse upstreams.
 *
 * <pre>{@code
 * try (StdioHttpBridge files = StdioHttpBridge.startFilesystem(NodeTools.standard(), root, "X-Upstream-Key", key)) {
 *     URI url = files.url();                       // http://127.0.0.1:<port>/mcp
 *     files.requests();                            // headers of every request received
 * }
 * }</pre>
 *
 * <p>A POSTed JSON-RPC request becomes one line on the child's stdin; the child's response with the same
 * id comes back as {@code application/json}. Notifications and responses get 202. Server-initiated
 * messages go to a GET SSE stream when a client holds one (see {@link BridgeRelay}). Every request must
 * carry the configured API key header (401 otherwise); all requests, rejected ones too, are recorded.
 * All clients share the one child and its MCP session.
 */
public final class StdioHttpBridge implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Server jetty;
    private final BridgeServlet servlet;
    private final StdioChild child;
    private final URI url;

    private StdioHttpBridge(Server jetty, BridgeServlet servlet, StdioChild child, URI url) {
        this.jetty = jetty;
        this.servlet = servlet;
        this.child = child;
        this.url = url;
    }

    /**
     * Starts the pinned {@link NpmPackage#SERVER_FILESYSTEM} on {@code root} (Node 22) behind the bridge.
     *
     * @param apiKeyHeader the header the upstream credential must arrive in, e.g. {@code X-Upstream-Api-Key}
     * @param apiKey its value
     */
    public static StdioHttpBridge startFilesystem(NodeTools nodeTools, Path root, String apiKeyHeader, String apiKey) {
        Objects.requireNonNull(nodeTools, "nodeTools");
        Path realRoot;
        try {
            realRoot = Objects.requireNonNull(root, "root").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("root: " + root + " does not exist: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(realRoot)) {
            throw new IllegalArgumentException("root: " + root + " is not a directory");
        }
        List<String> command = nodeTools.command(NpmPackage.SERVER_FILESYSTEM, null, List.of(realRoot.toString()));
        return start(command, realRoot, List.of(realRoot), apiKeyHeader, apiKey);
    }

    /**
     * Starts any stdio MCP server command behind the bridge.
     *
     * @param roots the folders reported when the child asks {@code roots/list} and no client stream is open
     */
    public static StdioHttpBridge start(
            List<String> command, Path workDir, List<Path> roots, String apiKeyHeader, String apiKey) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(apiKeyHeader, "apiKeyHeader");
        Objects.requireNonNull(apiKey, "apiKey");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command: empty (expected the stdio server's command line)");
        }
        if (!apiKeyHeader.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("apiKeyHeader: '" + apiKeyHeader + "' (expected an HTTP header name)");
        }
        if (apiKey.length() < 16) {
            throw new IllegalArgumentException("apiKey: " + apiKey.length() + " characters (expected >= 16)");
        }
        ObjectMapper json = new ObjectMapper();
        List<Map<String, String>> rootList = roots.stream()
                .map(p -> Map.of("uri", p.toUri().toString(), "name", String.valueOf(p.getFileName())))
                .toList();
        BridgeRelay relay = new BridgeRelay(json, rootList);
        StdioChild child = StdioChild.start(command, workDir, json, relay::fromChild, relay::childExited);
        relay.attach(child);
        BridgeServlet servlet = new BridgeServlet(
                relay, json, apiKeyHeader, apiKey, UUID.randomUUID().toString(), REQUEST_TIMEOUT);

        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("stdio-bridge");
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("stdio-bridge", servlet), StreamableHttpHost.ENDPOINT);
        jetty.setHandler(context);
        jetty.setStopTimeout(1_000);
        try {
            jetty.start();
        } catch (Exception e) {
            child.close();
            throw new IllegalStateException("stdio bridge: cannot listen: " + e.getMessage(), e);
        }
        URI url = URI.create("http://127.0.0.1:" + connector.getLocalPort() + StreamableHttpHost.ENDPOINT);
        return new StdioHttpBridge(jetty, servlet, child, url);
    }

    /** The Streamable HTTP endpoint, e.g. {@code http://127.0.0.1:41234/mcp}. */
    public URI url() {
        return url;
    }

    /** Every HTTP request received so far, in order (header names lower-cased). */
    public List<RecordedRequest> requests() {
        return servlet.recorded();
    }

    public void clearRecordedRequests() {
        servlet.clearRecorded();
    }

    /** The child's process id, so tests can check that it is gone after {@link #close()}. */
    public long childPid() {
        return child.pid();
    }

    @Override
    public void close() {
        servlet.closing();
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the stdio bridge at " + url + ": " + e.getMessage(), e);
        } finally {
            child.close();
        }
    }
}
