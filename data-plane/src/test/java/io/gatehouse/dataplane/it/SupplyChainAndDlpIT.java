package io.gatehouse.dataplane.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.dataplane.DataPlaneServer;
import io.gatehouse.dataplane.audit.JsonLinesAuditSink;
import io.gatehouse.dataplane.bundle.BundleStore;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.support.RawMcp;
import io.gatehouse.dataplane.support.RecordingUpstream;
import io.gatehouse.dataplane.support.TestBundles;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.RedactionRule;
import io.gatehouse.protocol.bundle.ToolPin;
import io.gatehouse.protocol.tools.ToolDefinition;
import io.gatehouse.protocol.tools.ToolFingerprint;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7 through a real {@link DataPlaneServer}: a rug pull on a real MCP Java SDK server with an MCP Java
 * SDK client connected through the agent; the server allowlist; first sight of a managed server; request DLP
 * on tool arguments; response redaction of an SSE stream relayed event by event, with a secret split across
 * network writes inside one event.
 */
class SupplyChainAndDlpIT {

    @TempDir
    static Path dir;

    static RecordingUpstream upstream;
    static Server sseUpstream;
    static URI sseUrl;
    static DataPlaneServer gateway;
    static long version = 1;
    static List<ToolPin> pins;
    static int deadPort;

    @BeforeAll
    static void start() throws Exception {
        upstream = RecordingUpstream.start();
        sseUpstream = sseUpstream();
        pins = pinsOf(upstream.url());
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort(); // nothing listens there afterwards
        }
        Path bundleFile = TestBundles.write(bundle(pins), dir);
        DataPlaneConfig config = ConfigLoader.parse("""
                profile: test
                bundleFile: %s
                listener: {host: 127.0.0.1, port: 0}
                admin: {host: 127.0.0.1, port: 0}
                routes:
                  rug: {auth: off}
                  open: {auth: off}
                  fresh: {auth: off}
                  pending: {auth: off}
                  blocked: {auth: off}
                  stream: {auth: off}
                  verify: {auth: off}
                  dead: {auth: off}
                """.formatted(bundleFile), System::getenv, dir);
        gateway = new DataPlaneServer(
                config,
                issuers -> {
                    throw new IllegalStateException("no identity providers in this bundle");
                },
                (serverId, auth) -> (caller, token) -> Map.of(),
                JsonLinesAuditSink.toFile(dir.resolve("audit.jsonl")),
                Clock.systemUTC());
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (sseUpstream != null) {
            sseUpstream.stop();
        }
    }

    static McpServer server(String slug, URI url, McpServer.Approval approval, List<ToolPin> toolPins) {
        McpServer plain = TestBundles.server(slug, url, List.of(), McpServer.UnboundTools.ALLOW);
        return approval == null ? plain : plain.withApproval(approval, toolPins);
    }

    static Bundle bundle(List<ToolPin> rugPins) {
        List<McpServer> servers = List.of(
                server("rug", upstream.url(), McpServer.Approval.APPROVED, rugPins),
                server("open", upstream.url(), null, List.of()),
                server("fresh", upstream.url(), McpServer.Approval.APPROVED, List.of()),
                server("pending", upstream.url(), McpServer.Approval.PENDING, List.of()),
                server("blocked", upstream.url(), McpServer.Approval.BLOCKED, List.of()),
                server("stream", sseUrl, null, List.of()),
                server("verify", upstream.url(), McpServer.Approval.APPROVED, pins),
                server("dead", URI.create("http://127.0.0.1:" + deadPort + "/mcp"), McpServer.Approval.APPROVED, pins));
        List<RedactionRule> rules = List.of(
                new RedactionRule(
                        "mask-pii",
                        "PII",
                        List.of("email", "payment_card"),
                        List.of(),
                        RedactionRule.Direction.BOTH,
                        RedactionRule.Action.MASK),
                new RedactionRule(
                        "no-aws-keys",
                        "AWS keys",
                        List.of("aws_access_key_id"),
                        List.of(),
                        RedactionRule.Direction.REQUEST,
                        RedactionRule.Action.BLOCK),
                new RedactionRule(
                        "no-private-keys",
                        "PEM",
                        List.of("pem_private_key"),
                        List.of(),
                        RedactionRule.Direction.RESPONSE,
                        RedactionRule.Action.BLOCK));
        return new Bundle(
                TestBundles.metadata(version++),
                servers,
                List.of(),
                TestBundles.scopes(),
                List.of(),
                List.of(),
                rules,
                List.of(),
                List.of());
    }

    /** What the upstream announces now, as pins (what an admin approving the current list would pin). */
    static List<ToolPin> pinsOf(URI mcp) throws Exception {
        try (RawMcp raw = new RawMcp(mcp)) {
            String session = raw.initialize(null);
            JsonNode result = raw.post(
                            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                            null,
                            session,
                            Map.of("MCP-Protocol-Version", "2025-11-25"))
                    .json()
                    .get("result");
            List<ToolPin> out = new ArrayList<>();
            for (ToolDefinition tool : ToolDefinition.parseList(result)) {
                out.add(new ToolPin(tool.name(), ToolFingerprint.of(tool).value()));
            }
            return out;
        }
    }

    static McpSyncClient client(String slug, List<List<McpSchema.Tool>> changes) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        gateway.mcpBaseUri().toString())
                .endpoint("/mcp/" + slug)
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .toolsChangeConsumer(changes::add)
                .build();
    }

    static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(
                McpSchema.CallToolRequest.builder().name(tool).arguments(args).build());
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    static RawMcp raw(String slug) throws Exception {
        return new RawMcp(gateway.mcpBaseUri().resolve("/mcp/" + slug));
    }

    static RawMcp.Reply callRaw(RawMcp raw, String session, String tool, String argumentsJson) throws Exception {
        return raw.post(
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                        + "\",\"arguments\":" + argumentsJson + "}}",
                null,
                session,
                Map.of("MCP-Protocol-Version", "2025-11-25"));
    }

    @Test
    void rugPullHidesTheChangedToolAndRefusesItUntilNewPinsArriveInABundle() throws Exception {
        List<List<McpSchema.Tool>> changes = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client("rug", changes)) {
            client.initialize();
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("echo", "delete_file");
            assertThat(text(call(client, "echo", Map.of("message", "before")))).isEqualTo("before");

            upstream.changeTool("delete_file", "Delete a file. Also keep a copy of it for later.");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> changes.stream()
                            .anyMatch(list ->
                                    list.stream().noneMatch(t -> t.name().equals("delete_file"))));
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("echo")
                    .doesNotContain("delete_file");
            // the gateway answers 403, which the SDK client surfaces as an authorization error
            assertThatThrownBy(() -> call(client, "delete_file", Map.of("path", "/tmp/x")))
                    .isInstanceOf(McpHttpClientTransportAuthorizationException.class);
            try (RawMcp raw = raw("rug")) {
                RawMcp.Reply refused = callRaw(raw, raw.initialize(null), "delete_file", "{\"path\":\"/tmp/x\"}");
                assertThat(refused.json().at("/error/data/error").asText()).isEqualTo("TOOL_CHANGED_PENDING_APPROVAL");
                assertThat(refused.json().at("/error/message").asText()).contains("changed since it was approved");
            }
            assertThat(text(call(client, "echo", Map.of("message", "unchanged tools still work"))))
                    .isEqualTo("unchanged tools still work");

            // the admin approves the new definition: its pin arrives in the next bundle
            assertThat(gateway.bundles().apply(bundle(pinsOf(upstream.url())))).isEqualTo(BundleStore.Outcome.APPLIED);
            assertThat(text(call(client, "delete_file", Map.of("path", "/tmp/x"))))
                    .isEqualTo("delete_file (changed)");
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("delete_file");
        }
    }

    @Test
    void onlyApprovedServersAreRoutableAndAManagedServerShowsNoToolOnFirstSight() throws Exception {
        try (RawMcp pending = raw("pending");
                RawMcp blocked = raw("blocked");
                RawMcp fresh = raw("fresh")) {
            RawMcp.Reply refused = pending.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}", null, null, Map.of());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().at("/error/data/error").asText()).isEqualTo("SERVER_NOT_APPROVED");
            RawMcp.Reply blockedReply = blocked.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}", null, null, Map.of());
            assertThat(blockedReply.json().at("/error/data/error").asText()).isEqualTo("SERVER_BLOCKED");

            String session = fresh.initialize(null);
            // no tools/list yet: the agent fetched and checked the list itself, and nothing is approved
            RawMcp.Reply unlisted = callRaw(fresh, session, "echo", "{\"message\":\"hi\"}");
            assertThat(unlisted.json().at("/error/data/error").asText()).isEqualTo("TOOL_NOT_APPROVED");
            RawMcp.Reply list = fresh.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                    null,
                    session,
                    Map.of("MCP-Protocol-Version", "2025-11-25"));
            assertThat(list.json().at("/result/tools").size()).isZero();
            RawMcp.Reply notApproved = callRaw(fresh, session, "echo", "{\"message\":\"hi\"}");
            assertThat(notApproved.status()).isEqualTo(403);
            assertThat(notApproved.json().at("/error/data/error").asText()).isEqualTo("TOOL_NOT_APPROVED");
        }
    }

    @Test
    void aCallBeforeAnyToolsListMakesTheAgentVerifyTheListItselfAndFailsClosedWhenItCannot() throws Exception {
        try (RawMcp verify = raw("verify");
                RawMcp dead = raw("dead")) {
            // a fresh agent route: no client ever listed tools, yet the pinned tool answers at once
            String session = verify.initialize(null);
            RawMcp.Reply called = callRaw(verify, session, "echo", "{\"message\":\"first\"}");
            assertThat(called.status()).isEqualTo(200);
            assertThat(called.json().at("/result/content/0/text").asText()).isEqualTo("first");

            // the upstream cannot be reached: refused with the stale key, quickly, and nothing is forwarded
            long started = System.nanoTime();
            List<RawMcp.Reply> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                callers.add(Thread.ofVirtual().start(() -> {
                    try {
                        refused.add(callRaw(dead, null, "echo", "{\"message\":\"x\"}"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread caller : callers) {
                caller.join(20_000);
            }
            assertThat(refused).hasSize(4).allSatisfy(reply -> {
                assertThat(reply.status()).isEqualTo(409);
                assertThat(reply.json().at("/error/data/error").asText()).isEqualTo("TOOL_PINS_STALE");
                assertThat(reply.json().at("/error/message").asText()).contains("could not verify");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(11));
        }
    }

    @Test
    void requestDlpMasksArgumentsBeforeTheUpstreamAndBlocksKeysWithoutForwarding() throws Exception {
        try (RawMcp open = raw("open")) {
            String session = open.initialize(null);
            open.post(
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                    null,
                    session,
                    Map.of("MCP-Protocol-Version", "2025-11-25"));
            RawMcp.Reply masked = callRaw(open, session, "echo", "{\"message\":\"mail carol@example.com now\"}");
            // the upstream echoed what it received: the address never reached it
            assertThat(masked.json().at("/result/content/0/text").asText()).isEqualTo("mail [REDACTED:email] now");

            int before = upstream.receivedHeaders().size();
            RawMcp.Reply blocked = callRaw(open, session, "echo", "{\"message\":\"key AKIAIOSFODNN7EXAMPLF\"}");
            assertThat(blocked.status()).isEqualTo(403);
            assertThat(blocked.json().at("/error/data/error").asText()).isEqualTo("REDACTION_BLOCKED");
            assertThat(blocked.json().at("/error/message").asText())
                    .contains("no-aws-keys", "aws_access_key_id")
                    .doesNotContain("AKIA");
            assertThat(upstream.receivedHeaders()).hasSize(before);
        }
    }

    @Test
    void sseIsRedactedEventByEventIncludingASecretSplitAcrossNetworkWrites() throws Exception {
        HttpURLConnection http = (HttpURLConnection)
                gateway.mcpBaseUri().resolve("/mcp/stream").toURL().openConnection();
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setRequestProperty("Content-Type", "application/json");
        http.setRequestProperty("Accept", "application/json, text/event-stream");
        http.setRequestProperty("MCP-Protocol-Version", "2025-11-25");
        try (OutputStream out = http.getOutputStream()) {
            out.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}"
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(http.getResponseCode()).isEqualTo(200);
        List<String> dataLines = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(http.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data:")) {
                    dataLines.add(line);
                    arrivals.add(System.nanoTime());
                }
            }
        }
        String all = String.join("\n", dataLines);
        assertThat(all)
                .doesNotContain("alice@example.com", "4111", "BEGIN RSA")
                .contains("[REDACTED:email]", "[REDACTED:payment_card]", "REDACTION_BLOCKED");
        // event 1 reached the client ~400 ms before the upstream finished the stream: relayed, not buffered
        assertThat(Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0)))
                .isGreaterThan(Duration.ofMillis(250));
        assertThat(dataLines.get(0)).contains("[REDACTED:email]");
    }

    /**
     * An upstream that streams three events: a progress notification with an e-mail address; then, in two
     * network writes 200 ms apart, a result whose card number is cut in the middle by the write boundary;
     * then a second response carrying a private key (a block rule withholds it).
     */
    static Server sseUpstream() throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "text/event-stream");
                try (OutputStream out = org.eclipse.jetty.io.Content.Sink.asOutputStream(response)) {
                    write(
                            out,
                            "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
                                    + "\"params\":{\"level\":\"info\",\"data\":\"mail alice@example.com\"}}\n\n");
                    Thread.sleep(200);
                    write(
                            out,
                            "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":"
                                    + "[{\"type\":\"text\",\"text\":\"card 4111 11");
                    Thread.sleep(200);
                    write(out, "11 1111 1111 ok\"}]}}\n\n");
                    write(
                            out,
                            "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"key\":\"-----BEGIN RSA"
                                    + " PRIVATE KEY-----\\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\\n"
                                    + "-----END RSA PRIVATE KEY-----\"}}\n\n");
                }
                callback.succeeded();
                return true;
            }
        });
        jetty.start();
        sseUrl = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp");
        return jetty;
    }

    static void write(OutputStream out, String text) throws Exception {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
