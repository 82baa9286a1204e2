package io.gatehouse.dataplane.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.dataplane.DataPlaneMain;
import io.gatehouse.dataplane.DataPlaneServer;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.support.RawMcp;
import io.gatehouse.dataplane.support.RecordingUpstream;
import io.gatehouse.dataplane.support.TestBundles;
import io.gatehouse.dataplane.support.TestIssuer;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.SecretRef;
import io.gatehouse.protocol.bundle.UpstreamAuth;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy end to end: a real MCP Java SDK client, through {@link DataPlaneServer} as
 * {@link DataPlaneMain} builds it (Nimbus JWKS verifier, secret-reference upstream credential), with a
 * real issuer serving a JWKS, to a real MCP Java SDK server.
 */
class ProxyIT {

    static final String RESOURCE = "http://127.0.0.1:9090/mcp/tools";

    @TempDir
    static Path dir;

    static TestIssuer issuer;
    static RecordingUpstream upstream;
    static DataPlaneServer gateway;
    static Path auditFile;
    static RawMcp raw;

    @BeforeAll
    static void start() throws Exception {
        issuer = TestIssuer.start();
        upstream = RecordingUpstream.start();
        Path secret = Files.writeString(dir.resolve("upstream.key"), "key-for-srv-tools");
        McpServer server = TestBundles.server(
                "tools",
                upstream.url(),
                List.of("mcp:connect"),
                McpServer.UnboundTools.DENY,
                new UpstreamAuth.StaticHeader("X-Upstream-Key", "", SecretRef.parse("file:" + secret)));
        Bundle bundle = TestBundles.bundle(
                1,
                List.of(server),
                List.of(TestBundles.idp(issuer.issuer(), issuer.jwksUri())),
                List.of(
                        TestBundles.binding("b-echo", server.id(), "echo", List.of()),
                        TestBundles.binding("b-slow", server.id(), "slow_count", List.of("files:read")),
                        TestBundles.binding("b-read", server.id(), "read_*", List.of()),
                        TestBundles.binding("b-delete", server.id(), "delete_*", List.of("files:write"))),
                List.of());
        Path bundleFile = TestBundles.write(bundle, dir);
        auditFile = dir.resolve("audit.jsonl");
        DataPlaneConfig config = ConfigLoader.parse("""
                bundleFile: %s
                listener: {host: 127.0.0.1, port: 0}
                admin: {host: 127.0.0.1, port: 0}
                audit: {file: %s}
                """.formatted(bundleFile, auditFile), System::getenv, dir);
        gateway = DataPlaneMain.create(config); // the production verifier and upstream credentials
        gateway.start();
        raw = new RawMcp(endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        raw.close();
        gateway.close();
        upstream.close();
        issuer.close();
    }

    static URI endpoint() {
        return gateway.mcpBaseUri().resolve("/mcp/tools");
    }

    static String token(String subject, String scope) {
        return issuer.token(subject, RESOURCE, scope);
    }

    static McpSyncClient client(
            String token, List<McpSchema.ProgressNotification> progress, List<List<McpSchema.Tool>> changes) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        gateway.mcpBaseUri().toString())
                .endpoint("/mcp/tools")
                .httpRequestCustomizer(
                        (builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .progressConsumer(progress::add)
                .toolsChangeConsumer(changes::add)
                .build();
    }

    @Test
    void sdkClientInitializesListsAndCallsThroughTheGateway() {
        try (McpSyncClient client =
                client(token("alice", "files:read"), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>())) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("recording-upstream");

            List<String> names = client.listTools().tools().stream()
                    .map(McpSchema.Tool::name)
                    .toList();
            assertThat(names).containsExactlyInAnyOrder("echo", "slow_count");

            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder()
                    .name("echo")
                    .arguments(Map.of("message", "hello through the gateway"))
                    .build());
            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("hello through the gateway");
        }
    }

    @Test
    void progressOfALongToolArrivesBeforeTheToolFinishes() {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(token("alice", "files:read"), progress, new CopyOnWriteArrayList<>())) {
            client.initialize();
            Thread watcher = Thread.ofVirtual().start(() -> {
                int seen = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    if (progress.size() > seen) {
                        seen = progress.size();
                        arrivals.add(System.nanoTime());
                    }
                    Thread.onSpinWait();
                }
            });
            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder()
                    .name("slow_count")
                    .arguments(Map.of("n", 6))
                    .progressToken("p-1")
                    .build());
            long finished = System.nanoTime();
            watcher.interrupt();

            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("counted to 6");
            assertThat(progress).hasSizeGreaterThanOrEqualTo(5);
            assertThat(progress.get(0).progressToken()).isEqualTo("p-1");
            // the first step came ~150 ms in, the result ~900 ms in: the stream was relayed event by event
            assertThat(Duration.ofNanos(finished - arrivals.get(0))).isGreaterThan(Duration.ofMillis(450));
        }
    }

    @Test
    void upstreamNeverSeesTheClientsAuthorizationOrTheGatewaySessionId() throws Exception {
        String token = token("dave", "files:read");
        String session = raw.initialize(token);
        RawMcp.Reply list = raw.post(
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                token,
                session,
                Map.of("MCP-Protocol-Version", "2025-11-25"));
        assertThat(list.status()).isEqualTo(200);

        List<HttpFields> seen = upstream.receivedHeaders();
        assertThat(seen).isNotEmpty();
        assertThat(seen).allSatisfy(h -> {
            assertThat(h.get("Authorization")).isNull();
            assertThat(h.get("Cookie")).isNull();
            assertThat(h.get("X-Upstream-Key")).isEqualTo("key-for-srv-tools");
            assertThat(h.get("Mcp-Session-Id")).isNotEqualTo(session);
        });
        assertThat(seen).anySatisfy(h -> assertThat(h.get("Mcp-Session-Id")).isNotNull());
    }

    @Test
    void aSessionCannotBeUsedByAnotherPrincipalAndEndsWithDelete() throws Exception {
        String alice = token("alice", "files:read");
        String bob = token("bob", "files:read");
        String session = raw.initialize(alice);
        String listTools = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}";
        Map<String, String> version = Map.of("MCP-Protocol-Version", "2025-11-25");

        RawMcp.Reply foreign = raw.post(listTools, bob, session, version);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().at("/error/data/error").asText()).isEqualTo("SESSION_NOT_FOUND");

        assertThat(raw.post(listTools, alice, session, version).status()).isEqualTo(200);
        assertThat(raw.post(listTools, alice, "made-up-session", version).status())
                .isEqualTo(404);
        assertThat(raw.post(listTools, alice, null, version)
                        .json()
                        .at("/error/data/error")
                        .asText())
                .isEqualTo("SESSION_REQUIRED");

        assertThat(raw.send("DELETE", alice, session, version).status()).isEqualTo(200);
        assertThat(raw.post(listTools, alice, session, version).status()).isEqualTo(404);
    }

    @Test
    void aToolCallWithoutItsScopeIsRefusedWithInsufficientScope() throws Exception {
        String alice = token("alice", "files:read");
        String session = raw.initialize(alice);
        Map<String, String> version = Map.of("MCP-Protocol-Version", "2025-11-25");

        RawMcp.Reply denied = raw.post(
                "{\"jsonrpc\":\"2.0\",\"id\":\"call-9\",\"method\":\"tools/call\",\"params\":{\"name\":\"delete_file\",\"arguments\":{\"path\":\"/x\"}}}",
                alice,
                session,
                version);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.header("WWW-Authenticate"))
                .contains("error=\"insufficient_scope\"")
                .contains("scope=\"mcp:connect files:write\"")
                .contains("resource_metadata=\"http://127.0.0.1:9090/.well-known/oauth-protected-resource/mcp/tools\"");
        assertThat(denied.json().get("id").asText()).isEqualTo("call-9");
        assertThat(denied.json().at("/error/data/error").asText()).isEqualTo("INSUFFICIENT_SCOPE");

        RawMcp.Reply unbound = raw.post(
                "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"secret_tool\"}}",
                alice,
                session,
                version);
        assertThat(unbound.status()).isEqualTo(403);
        assertThat(unbound.json().at("/error/data/error").asText()).isEqualTo("TOOL_NOT_PERMITTED");

        String carol = token("carol", "files:write");
        String carolSession = raw.initialize(carol);
        RawMcp.Reply allowed = raw.post(
                "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":\"delete_file\",\"arguments\":{\"path\":\"/x\"}}}",
                carol,
                carolSession,
                version);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().at("/result/content/0/text").asText()).isEqualTo("deleted /x");
        RawMcp.Reply carolList =
                raw.post("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/list\"}", carol, carolSession, version);
        assertThat(carolList.json().at("/result/tools").findValuesAsText("name"))
                .contains("echo", "slow_count", "delete_file")
                .doesNotContain("secret_tool");
    }

    @Test
    void missingOrInvalidTokensGet401PointingAtTheMetadata() throws Exception {
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
        RawMcp.Reply missing = raw.post(init, null, null, Map.of());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate"))
                .isEqualTo(
                        "Bearer resource_metadata=\"http://127.0.0.1:9090/.well-known/oauth-protected-resource/mcp/tools\", scope=\"mcp:connect\"");

        RawMcp.Reply wrongAudience =
                raw.post(init, issuer.token("alice", "https://other.example/mcp", "files:read"), null, Map.of());
        assertThat(wrongAudience.status()).isEqualTo(401);
        assertThat(wrongAudience.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(wrongAudience.json().at("/error/data/reason").asText()).isEqualTo("WRONG_AUDIENCE");

        RawMcp.Reply noScope = raw.post(init, token("eve", "unrelated"), null, Map.of());
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.header("WWW-Authenticate"))
                .contains("error=\"insufficient_scope\"", "scope=\"mcp:connect\"");

        for (String path :
                List.of("/.well-known/oauth-protected-resource/mcp/tools", "/.well-known/oauth-protected-resource")) {
            RawMcp.Reply prm = raw.get(gateway.mcpBaseUri().resolve(path));
            assertThat(prm.status()).as(path).isEqualTo(200);
            JsonNode doc = prm.json();
            assertThat(doc.get("resource").asText()).isEqualTo(RESOURCE);
            assertThat(doc.get("authorization_servers").get(0).asText()).isEqualTo(issuer.issuer());
            assertThat(doc.get("scopes_supported").findValuesAsText("")).isEmpty();
            assertThat(doc.get("scopes_supported").toString()).contains("files:write", "mcp:connect");
        }
    }

    @Test
    void afterListChangedTheRefetchedListStillHidesDeniedTools() {
        List<List<McpSchema.Tool>> changes = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(token("frank", "files:read"), new CopyOnWriteArrayList<>(), changes)) {
            client.initialize();
            client.listTools();
            upstream.addTool("read_notes");
            upstream.addTool("drop_database");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> changes.stream()
                            .anyMatch(
                                    list -> list.stream().anyMatch(t -> t.name().equals("read_notes"))));
            assertThat(changes)
                    .allSatisfy(list -> assertThat(list)
                            .extracting(McpSchema.Tool::name)
                            .doesNotContain("drop_database", "delete_file", "secret_tool"));
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("read_notes")
                    .doesNotContain("drop_database");
        }
    }

    @Test
    void hostileHostAndOriginAreRefused() throws Exception {
        String token = token("alice", "files:read");
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
        RawMcp.Reply host = raw.post(init, token, null, Map.of("Host", "evil.example.com"));
        assertThat(host.status()).isEqualTo(403);
        assertThat(host.json().at("/error/data/error").asText()).isEqualTo("HOST_NOT_ALLOWED");
        RawMcp.Reply origin = raw.post(init, token, null, Map.of("Origin", "http://evil.example.com"));
        assertThat(origin.status()).isEqualTo(403);
        assertThat(origin.json().at("/error/data/error").asText()).isEqualTo("ORIGIN_NOT_ALLOWED");
    }

    @Test
    void adminReportsHealthReadinessAndMetricsAndEveryRequestIsAudited() throws Exception {
        String alice = token("alice", "files:read");
        String session = raw.initialize(alice);
        raw.post(
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"delete_file\"}}",
                alice,
                session,
                Map.of("MCP-Protocol-Version", "2025-11-25"));

        URI admin = gateway.adminBaseUri();
        assertThat(raw.get(admin.resolve("/health")).status()).isEqualTo(200);
        assertThat(raw.get(admin.resolve("/ready")).status()).isEqualTo(200);
        RawMcp.Reply metrics = raw.get(admin.resolve("/metrics"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("gatehouse_dp_requests_total{method=\"tools/call\",outcome=\"deny\",route=\"tools\"}")
                .contains(
                        "gatehouse_dp_decisions_total{decision=\"deny\",reason=\"INSUFFICIENT_SCOPE\",route=\"tools\"}")
                .contains(
                        "gatehouse_dp_request_duration_seconds_bucket{method=\"initialize\",outcome=\"allow\",route=\"tools\"")
                .contains("gatehouse_dp_sessions ");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String audit = Files.readString(auditFile);
            assertThat(audit)
                    .contains("\"tool\":\"delete_file\"", "\"decision\":\"deny\"", "\"reason\":\"INSUFFICIENT_SCOPE\"");
            assertThat(audit).contains("\"subject\":\"alice\"", "\"method\":\"initialize\"", "\"decision\":\"allow\"");
            assertThat(audit).doesNotContain(alice).doesNotContain(session);
        });
    }
}
