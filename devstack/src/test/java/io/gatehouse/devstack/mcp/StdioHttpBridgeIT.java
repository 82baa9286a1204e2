package io.gatehouse.devstack.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.devstack.node.NodeTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code @modelcontextprotocol/server-filesystem} (stdio) behind {@link StdioHttpBridge}. */
class StdioHttpBridgeIT {

    private static final String KEY_HEADER = "X-Upstream-Api-Key";
    private static final String KEY = "upstream-key-0123456789abcdef";
    private static final String CLIENT_TOKEN = "client-bearer-token-visible-in-recording";
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{"roots":{"listChanged":true}},"clientInfo":{"name":"raw","version":"1"}}}""";

    @TempDir
    static Path temp;

    private static Path root;
    private static StdioHttpBridge bridge;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(temp.resolve("root"));
        Files.writeString(root.resolve("hello.txt"), "hello from the filesystem server");
        Files.writeString(temp.resolve("outside.txt"), "outside the root");
        bridge = StdioHttpBridge.startFilesystem(NodeTools.standard(), root, KEY_HEADER, KEY);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            long pid = bridge.childPid();
            bridge.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
        }
    }

    @Test
    void toolsListAndReadFileWorkThroughTheMcpJavaSdkClient() {
        bridge.clearRecordedRequests();
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(
                                "http://127.0.0.1:" + bridge.url().getPort())
                        .endpoint("/mcp")
                        .httpRequestCustomizer((builder, method, uri, body, context) ->
                                builder.header(KEY_HEADER, KEY).header("Authorization", "Bearer " + CLIENT_TOKEN))
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        try {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(Tool::name).contains("read_text_file", "list_directory");

            CallToolResult read = client.callTool(CallToolRequest.builder()
                    .name("read_text_file")
                    .arguments(Map.of("path", root.resolve("hello.txt").toString()))
                    .build());
            assertThat(read.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(((TextContent) read.content().get(0)).text()).contains("hello from the filesystem server");

            CallToolResult outside = client.callTool(CallToolRequest.builder()
                    .name("read_text_file")
                    .arguments(Map.of("path", temp.resolve("outside.txt").toString()))
                    .build());
            assertThat(outside.isError()).isTrue();
        } finally {
            client.closeGracefully();
        }

        List<RecordedRequest> requests = bridge.requests();
        assertThat(requests).isNotEmpty();
        assertThat(requests).allSatisfy(r -> assertThat(r.header(KEY_HEADER)).contains(KEY));
        assertThat(requests)
                .anySatisfy(r -> assertThat(r.anyHeaderContains(CLIENT_TOKEN)).isTrue());
        assertThat(requests).extracting(RecordedRequest::path).containsOnly("/mcp");
    }

    @Test
    void requestsWithoutTheApiKeyAre401AndStillRecorded() throws Exception {
        bridge.clearRecordedRequests();
        HttpResponse<String> missing = post(INITIALIZE, Map.of());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("UPSTREAM_API_KEY_INVALID");

        HttpResponse<String> wrong = post(INITIALIZE, Map.of(KEY_HEADER, KEY + "x"));
        assertThat(wrong.statusCode()).isEqualTo(401);

        assertThat(bridge.requests()).hasSize(2);
        assertThat(bridge.requests().get(1).header(KEY_HEADER)).contains(KEY + "x");
    }

    @Test
    void rawJsonRpcOverHttpKeepsEachClientsIdAndAnswersNotificationsWith202() throws Exception {
        Map<String, String> key = Map.of(KEY_HEADER, KEY);
        HttpResponse<String> init = post(INITIALIZE, key);
        assertThat(init.statusCode()).isEqualTo(200);
        assertThat(init.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(init.headers().firstValue("mcp-session-id")).isPresent();
        assertThat(init.body()).contains("\"id\":1").contains("serverInfo");

        HttpResponse<String> initialized = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", key);
        assertThat(initialized.statusCode()).isEqualTo(202);
        assertThat(initialized.body()).isEmpty();

        CompletableFuture<HttpResponse<String>> list =
                postAsync("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}", key);
        CompletableFuture<HttpResponse<String>> ping =
                postAsync("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}", key);
        assertThat(list.get().body()).contains("\"id\":7").contains("read_text_file");
        assertThat(JSON.readTree(ping.get().body()))
                .isEqualTo(JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}"));

        assertThat(post("[" + INITIALIZE + "]", key).statusCode()).isEqualTo(400);
        assertThat(post("not json", key).statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        return postAsync(body, headers).get();
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(bridge.url().toString()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
