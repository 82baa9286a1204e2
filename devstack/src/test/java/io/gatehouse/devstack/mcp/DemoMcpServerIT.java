package io.gatehouse.devstack.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DemoMcpServer} driven through the official MCP Java SDK client over Streamable HTTP. */
class DemoMcpServerIT {

    @TempDir
    static Path temp;

    private static DemoMcpServer demo;
    private static HttpServer origin;
    private static McpSyncClient client;
    private static final List<ProgressEvent> progress = new CopyOnWriteArrayList<>();

    record ProgressEvent(ProgressNotification notification, long nanos) {}

    @BeforeAll
    static void start() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "not for the demo");
        demo = DemoMcpServer.builder().demoFolder(temp.resolve("demo")).start();
        Files.createSymbolicLink(demo.demoFolder().resolve("escape.txt"), outside.resolve("secret.txt"));

        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/hello", exchange -> {
            byte[] body = "hello from the origin".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        origin.createContext("/big", exchange -> {
            byte[] body = "x".repeat(DemoTools.MAX_FETCH_BYTES + 10_000).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        origin.start();

        String base = "http://127.0.0.1:" + demo.port();
        client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base)
                        .endpoint("/mcp")
                        .build())
                .requestTimeout(Duration.ofSeconds(20))
                .progressConsumer(p -> progress.add(new ProgressEvent(p, System.nanoTime())))
                .build();
        client.initialize();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        if (origin != null) {
            origin.stop(0);
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void listsTheFourDemoTools() {
        assertThat(client.listTools().tools())
                .extracting(Tool::name)
                .containsExactlyInAnyOrder("echo", "read_file", "fetch_url", "slow_count");
    }

    @Test
    void echoReturnsTheMessage() {
        CallToolResult result = call("echo", Map.of("message", "hello gatehouse"));
        assertThat(result.isError()).isFalse();
        assertThat(text(result)).isEqualTo("hello gatehouse");
        CallToolResult missing = call("echo", Map.of());
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("required property 'message' not found");
    }

    @Test
    void readFileReadsSeededFilesInsideTheDemoFolder() {
        CallToolResult result = call("read_file", Map.of("path", "notes/todo.txt"));
        assertThat(result.isError()).isFalse();
        assertThat(text(result)).contains("rotate the staging database password");
    }

    @Test
    void readFileRefusesEverythingOutsideTheDemoFolder() {
        for (String path : List.of("../../etc/passwd", "/etc/passwd", "notes/../../outside/secret.txt", "escape.txt")) {
            CallToolResult result = call("read_file", Map.of("path", path));
            assertThat(result.isError()).as(path).isTrue();
            assertThat(text(result))
                    .as(path)
                    .contains("outside the demo folder")
                    .doesNotContain("root:");
        }
        CallToolResult missing = call("read_file", Map.of("path", "nope.txt"));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("does not exist");
    }

    @Test
    void fetchUrlFetchesHttpWithABoundedBody() {
        int port = origin.getAddress().getPort();
        CallToolResult hello = call("fetch_url", Map.of("url", "http://127.0.0.1:" + port + "/hello"));
        assertThat(hello.isError()).isFalse();
        assertThat(text(hello)).startsWith("HTTP 200 (text/plain)").contains("hello from the origin");

        CallToolResult big = call("fetch_url", Map.of("url", "http://127.0.0.1:" + port + "/big"));
        assertThat(text(big)).endsWith("[truncated after " + DemoTools.MAX_FETCH_BYTES + " bytes]");

        CallToolResult file = call("fetch_url", Map.of("url", "file:///etc/passwd"));
        assertThat(file.isError()).isTrue();
        assertThat(text(file)).contains("expected an http:// or https:// URL");
    }

    private List<ProgressEvent> mine(String token) {
        return progress.stream()
                .filter(e -> token.equals(e.notification().progressToken()))
                .toList();
    }

    @Test
    void slowCountSendsOneProgressNotificationPerStepBeforeTheResult() throws InterruptedException {
        String token = "count-" + System.nanoTime();
        long started = System.nanoTime();
        CallToolResult result = client.callTool(CallToolRequest.builder()
                .name("slow_count")
                .arguments(Map.of("n", 5))
                .progressToken(token)
                .build());
        long answered = System.nanoTime();

        assertThat(text(result)).isEqualTo("Counted to 5");
        // The client hands notifications to the consumer on its own thread, so the last one (sent
        // just before the result) may be recorded a moment after the call returns: wait for it.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (mine(token).size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<ProgressEvent> mine = mine(token);
        assertThat(mine).extracting(e -> e.notification().progress()).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(mine).allSatisfy(e -> assertThat(e.notification().total()).isEqualTo(5.0));
        // Streaming, not buffered: steps 1..4 reached the client while the tool was still counting.
        assertThat(mine.subList(0, 4)).allSatisfy(e -> assertThat(e.nanos()).isLessThan(answered));
        assertThat(Duration.ofNanos(answered - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));

        assertThat(call("slow_count", Map.of("n", 0)).isError()).isTrue();
        CallToolResult notANumber = call("slow_count", Map.of("n", "five"));
        assertThat(notANumber.isError()).isTrue();
        assertThat(text(notANumber)).contains("/n: string found, integer expected");
    }

    private static CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(
                CallToolRequest.builder().name(tool).arguments(arguments).build());
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }
}
