package io.gatehouse.dataplane.support;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A real MCP server (MCP Java SDK, Streamable HTTP on Jetty ee10) that records the headers of every
 * request it receives. Tools: {@code echo}, {@code slow_count} (progress per step),
 * {@code delete_file}, {@code secret_tool}.
 */
public final class RecordingUpstream implements AutoCloseable {

    private final Server jetty;
    private final McpSyncServer mcp;
    private final URI url;
    private final List<HttpFields> received;

    private RecordingUpstream(Server jetty, McpSyncServer mcp, URI url, List<HttpFields> received) {
        this.jetty = jetty;
        this.mcp = mcp;
        this.url = url;
        this.received = received;
    }

    public static RecordingUpstream start() throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp")
                .build();
        McpSyncServer mcp = McpServer.sync(transport)
                .serverInfo("recording-upstream", "1.0.0")
                .capabilities(ServerCapabilities.builder().tools(true).build())
                .tools(
                        tool(
                                "echo",
                                (ex, req) -> text(String.valueOf(req.arguments().get("message")))),
                        tool("slow_count", RecordingUpstream::slowCount),
                        tool(
                                "delete_file",
                                (ex, req) -> text("deleted " + req.arguments().get("path"))),
                        tool("secret_tool", (ex, req) -> text("secret")))
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        List<HttpFields> received = new CopyOnWriteArrayList<>();
        jetty.setHandler(new Handler.Wrapper(context) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                received.add(HttpFields.build(request.getHeaders()).asImmutable());
                return super.handle(request, response, callback);
            }
        });
        jetty.setStopTimeout(1_000);
        jetty.start();
        return new RecordingUpstream(
                jetty, mcp, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp"), received);
    }

    /** Headers of every request received so far. */
    public List<HttpFields> receivedHeaders() {
        return List.copyOf(received);
    }

    public URI url() {
        return url;
    }

    /** Adds a tool at runtime; the SDK announces it with {@code notifications/tools/list_changed}. */
    public void addTool(String name) {
        mcp.addTool(tool(name, (ex, req) -> text(name)));
        mcp.notifyToolsListChanged();
    }

    /** Replaces a tool's description at runtime (a "rug pull") and announces {@code list_changed}. */
    public void changeTool(String name, String description) {
        mcp.removeTool(name);
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of());
        mcp.addTool(SyncToolSpecification.builder()
                .tool(Tool.builder(name, schema).description(description).build())
                .callHandler((ex, req) -> text(name + " (changed)"))
                .build());
        mcp.notifyToolsListChanged();
    }

    static SyncToolSpecification tool(
            String name, BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of());
        return SyncToolSpecification.builder()
                .tool(Tool.builder(name, schema).description(name).build())
                .callHandler(handler)
                .build();
    }

    static CallToolResult text(String text) {
        return CallToolResult.builder()
                .content(List.of(TextContent.builder(text).build()))
                .isError(false)
                .build();
    }

    private static CallToolResult slowCount(McpSyncServerExchange exchange, CallToolRequest request) {
        int n = ((Number) request.arguments().get("n")).intValue();
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        for (int i = 1; i <= n; i++) {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (token != null) {
                exchange.progressNotification(ProgressNotification.builder(token, i)
                        .total((double) n)
                        .message(i + "/" + n)
                        .build());
            }
        }
        return text("counted to " + n);
    }

    @Override
    public void close() throws Exception {
        mcp.close();
        jetty.stop();
    }
}
