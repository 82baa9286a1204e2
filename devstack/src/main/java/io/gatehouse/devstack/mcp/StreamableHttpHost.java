package io.gatehouse.devstack.mcp;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One MCP Java SDK server on an embedded Jetty 12 (ee10) servlet container, Streamable HTTP at
 * {@code /mcp}. Shared plumbing of {@link FixtureMcpServer} and {@link DemoMcpServer}.
 */
final class StreamableHttpHost implements AutoCloseable {

    static final String ENDPOINT = "/mcp";

    private final Server jetty;
    private final McpSyncServer mcp;
    private final URI url;

    private StreamableHttpHost(Server jetty, McpSyncServer mcp, URI url) {
        this.jetty = jetty;
        this.mcp = mcp;
        this.url = url;
    }

    /**
     * Starts Jetty on {@code bindHost:port} (port 0 = ephemeral) with the server that {@code configure}
     * builds from the SDK's sync specification.
     */
    static StreamableHttpHost start(
            String name,
            String bindHost,
            int port,
            HostValidation hostValidation,
            Function<McpServer.SyncSpecification<?>, McpSyncServer> configure) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(ENDPOINT)
                .securityValidator(hostValidation.toValidator())
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
        McpSyncServer mcp = configure.apply(McpServer.sync(transport));

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName(name);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(bindHost);
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(name, transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        jetty.setStopTimeout(2_000);
        try {
            jetty.start();
        } catch (Exception e) {
            mcp.close();
            try {
                jetty.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException(
                    name + ": cannot listen on " + bindHost + ":" + port + ": " + e.getMessage(), e);
        }
        String urlHost = bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
        if ("0.0.0.0".equals(bindHost)) {
            urlHost = "127.0.0.1";
        }
        URI url = URI.create("http://" + urlHost + ":" + connector.getLocalPort() + ENDPOINT);
        return new StreamableHttpHost(jetty, mcp, url);
    }

    URI url() {
        return url;
    }

    McpSyncServer mcp() {
        return mcp;
    }

    @Override
    public void close() {
        try {
            mcp.closeGracefully();
        } catch (RuntimeException e) {
            mcp.close();
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop Jetty at " + url + ": " + e.getMessage(), e);
        }
    }
}
