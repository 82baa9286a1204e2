package io.gatehouse.dataplane.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.dataplane.DataPlaneMain;
import io.gatehouse.dataplane.DataPlaneServer;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.support.TestBundles;
import io.gatehouse.devstack.mcp.RecordedRequest;
import io.gatehouse.devstack.mcp.StdioHttpBridge;
import io.gatehouse.devstack.node.NodeTools;
import io.gatehouse.devstack.oidc.KeycloakRealm;
import io.gatehouse.devstack.oidc.KeycloakServer;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.IdentityProvider;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.SecretRef;
import io.gatehouse.protocol.bundle.UpstreamAuth;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway between real peers only: the official MCP Java SDK client with access tokens from a
 * real Keycloak, the agent as {@link DataPlaneMain} builds it, and the real
 * {@code @modelcontextprotocol/server-filesystem} upstream, which accepts only the API key the agent
 * injects from a file secret reference. The caller's token must never reach the upstream.
 */
class RealPeersThroughGatewayIT {

    static final String RESOURCE = "http://127.0.0.1:9090/mcp/files";
    static final String API_KEY_HEADER = "X-Upstream-Api-Key";

    @TempDir
    static Path dir;

    static KeycloakServer keycloak;
    static KeycloakRealm realm;
    static StdioHttpBridge filesystem;
    static DataPlaneServer gateway;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        keycloak = KeycloakServer.start(Duration.ofMinutes(4));
        realm = keycloak.createRealm("gateway")
                .createClientScope("files:read")
                .createClient("ide", "ide-secret", RESOURCE, Set.of("files:read"))
                .createClient("other-app", "other-secret", "http://127.0.0.1:9090/mcp/other", Set.of("files:read"));

        root = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(root.resolve("hello.txt"), "hello from the real filesystem server");
        String apiKey = "upstream-key-" + System.nanoTime();
        Path secret = Files.writeString(dir.resolve("filesystem.key"), apiKey);
        filesystem = StdioHttpBridge.startFilesystem(NodeTools.standard(), root, API_KEY_HEADER, apiKey);

        McpServer server = TestBundles.server(
                "files",
                filesystem.url(),
                List.of("files:read"),
                McpServer.UnboundTools.ALLOW,
                new UpstreamAuth.StaticHeader(API_KEY_HEADER, "", SecretRef.parse("file:" + secret)));
        IdentityProvider keycloakIdp = new IdentityProvider(
                "idp-keycloak",
                realm.issuer(),
                null,
                realm.discoveryUri(),
                List.of(),
                List.of("RS256"),
                IdentityProvider.ClaimMappings.defaults(),
                null);
        Bundle bundle = TestBundles.bundle(1, List.of(server), List.of(keycloakIdp), List.of(), List.of());
        DataPlaneConfig config = ConfigLoader.parse(
                """
                bundleFile: %s
                listener: {host: 127.0.0.1, port: 0}
                admin: {host: 127.0.0.1, port: 0}
                audit: {file: %s}
                """.formatted(TestBundles.write(bundle, dir), dir.resolve("audit.jsonl")), System::getenv, dir);
        gateway = DataPlaneMain.create(config);
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (filesystem != null) {
            filesystem.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void keycloakTokenReachesTheRealFilesystemServerWhichNeverSeesIt() {
        String token = realm.token("ide", "ide-secret", Set.of("files:read"));
        filesystem.clearRecordedRequests();
        try (McpSyncClient client = client(token)) {
            client.initialize();
            List<String> tools = client.listTools().tools().stream()
                    .map(McpSchema.Tool::name)
                    .toList();
            assertThat(tools).contains("read_text_file", "list_directory");

            McpSchema.CallToolResult read = client.callTool(new McpSchema.CallToolRequest(
                    "read_text_file", Map.of("path", root.resolve("hello.txt").toString())));
            assertThat(read.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(read.content())
                    .first()
                    .isInstanceOfSatisfying(
                            McpSchema.TextContent.class,
                            text -> assertThat(text.text()).contains("hello from the real filesystem server"));
        }
        List<RecordedRequest> seen = filesystem.requests();
        assertThat(seen).isNotEmpty();
        assertThat(seen).allSatisfy(request -> {
            assertThat(request.anyHeaderContains(token))
                    .as("upstream saw the caller's token")
                    .isFalse();
            assertThat(request.header(API_KEY_HEADER))
                    .as("injected upstream key")
                    .isPresent();
        });
    }

    @Test
    void keycloakTokenForAnotherResourceIsRefused() throws Exception {
        String token = realm.token("other-app", "other-secret", Set.of("files:read"));
        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(endpoint())
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse(""))
                .contains("error=\"invalid_token\"", "resource_metadata=");
    }

    static URI endpoint() {
        return gateway.mcpBaseUri().resolve("/mcp/files");
    }

    static McpSyncClient client(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        gateway.mcpBaseUri().toString())
                .endpoint("/mcp/files")
                .httpRequestCustomizer(
                        (builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    }
}
