package io.gatehouse.devstack.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.devstack.node.NodeTools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-initiated messages through {@link StdioHttpBridge}, with a tiny stdio server (Node) that asks the
 * client for its roots during {@code tools/call} and reports what it got back.
 */
class StdioHttpBridgeServerRequestsIT {

    private static final String KEY_HEADER = "X-Upstream-Api-Key";
    private static final String KEY = "bridge-test-key-0123456789";
    private static final String ASKING_SERVER = """
            const rl = require('readline').createInterface({ input: process.stdin });
            const send = m => process.stdout.write(JSON.stringify(m) + '\\n');
            const waiting = {};
            let n = 0;
            rl.on('line', line => {
              const m = JSON.parse(line);
              if (m.method === 'initialize') {
                send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} },
                  serverInfo: { name: 'asking', version: '1' }, _meta: { seenCapabilities: m.params.capabilities } } });
              } else if (m.method === 'tools/call') {
                const id = 'srv-' + (++n);
                waiting[id] = m.id;
                send({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'asking for roots' } });
                send({ jsonrpc: '2.0', id, method: 'roots/list' });
              } else if (m.id !== undefined && waiting[m.id] !== undefined) {
                send({ jsonrpc: '2.0', id: waiting[m.id], result: { content: [ { type: 'text',
                  text: JSON.stringify(m.result || m.error) } ] } });
              }
            });
            """;

    @TempDir
    Path root;

    private StdioHttpBridge bridge;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        NodeTools node = NodeTools.standard();
        bridge = StdioHttpBridge.start(
                List.of(node.node().toString(), "-e", ASKING_SERVER), root, List.of(root), KEY_HEADER, KEY);
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void withoutAClientStreamTheBridgeAnswersRootsListWithItsRootAndHidesTheClientsRoots() throws Exception {
        JsonNode init = json.readTree(post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                "capabilities":{"roots":{"listChanged":true},"sampling":{}},"clientInfo":{"name":"t","version":"1"}}}""").join().body());
        JsonNode seen = init.path("result").path("_meta").path("seenCapabilities");
        assertThat(seen.has("sampling")).isTrue();
        assertThat(seen.has("roots")).isFalse();

        JsonNode call = json.readTree(
                post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}")
                        .join()
                        .body());
        String text = call.path("result").path("content").path(0).path("text").asText();
        assertThat(text).contains(root.toRealPath().toUri().toString());
    }

    @Test
    void withAClientStreamServerRequestsGoToTheClientAndItsResponseGoesBack() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(bridge.url())
                .header(KEY_HEADER, KEY)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        HttpResponse<Stream<String>> stream = http.send(get, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        HttpResponse<String> second = http.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(second.statusCode()).isEqualTo(409);

        try (Stream<String> lines = stream.body()) {
            CompletableFuture<HttpResponse<String>> call =
                    post("{\"jsonrpc\":\"2.0\",\"id\":\"c-1\",\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}");
            Iterator<String> events = lines.filter(l -> l.startsWith("data: "))
                    .map(l -> l.substring(6))
                    .iterator();
            JsonNode notification = json.readTree(events.next());
            assertThat(notification.path("method").asText()).isEqualTo("notifications/message");
            JsonNode rootsRequest = json.readTree(events.next());
            assertThat(rootsRequest.path("method").asText()).isEqualTo("roots/list");

            HttpResponse<String> answered = post("{\"jsonrpc\":\"2.0\",\"id\":\""
                            + rootsRequest.path("id").asText()
                            + "\",\"result\":{\"roots\":[{\"uri\":\"file:///client-root\"}]}}")
                    .join();
            assertThat(answered.statusCode()).isEqualTo(202);

            JsonNode result = json.readTree(call.join().body());
            assertThat(result.path("id").asText()).isEqualTo("c-1");
            assertThat(result.path("result")
                            .path("content")
                            .path(0)
                            .path("text")
                            .asText())
                    .contains("file:///client-root");
        }
    }

    private CompletableFuture<HttpResponse<String>> post(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(bridge.url().toString()))
                .timeout(Duration.ofSeconds(20))
                .header(KEY_HEADER, KEY)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
