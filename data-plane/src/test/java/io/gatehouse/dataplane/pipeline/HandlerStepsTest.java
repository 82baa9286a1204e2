package io.gatehouse.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.dataplane.mcp.JsonRpcCodec;
import io.gatehouse.dataplane.mcp.SessionStore;
import io.gatehouse.dataplane.support.TestBundles;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.KillSwitch;
import io.gatehouse.protocol.bundle.McpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.Test;

/** Each step of the MCP request path alone, on a Jetty LocalConnector. */
class HandlerStepsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final VerifiedTokenCache NO_CACHE = new VerifiedTokenCache(Duration.ZERO, 1, Clock.systemUTC());
    static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

    static Bundle bundle() {
        McpServer files = TestBundles.server(
                "files", URI.create("http://127.0.0.1:1/mcp"), List.of("mcp:connect"), McpServer.UnboundTools.DENY);
        McpServer off = new McpServer(
                "srv-off",
                null,
                "off",
                URI.create("http://127.0.0.1:1/mcp"),
                McpServer.Transport.STREAMABLE_HTTP,
                URI.create("http://127.0.0.1:9090/mcp/off"),
                List.of(),
                List.of(),
                List.of(),
                McpServer.UnboundTools.ALLOW,
                new io.gatehouse.protocol.bundle.UpstreamAuth.None(),
                McpServer.Status.DISABLED);
        return TestBundles.bundle(
                1,
                List.of(files, off),
                List.of(TestBundles.idp(LocalChain.ISSUER, URI.create("https://idp.test/jwks"))),
                List.of(
                        TestBundles.binding("b-echo", "srv-files", "echo", List.of()),
                        TestBundles.binding("b-del", "srv-files", "delete_*", List.of("files:write"))),
                List.of(new KillSwitch("ks-1", KillSwitch.Scope.TOOL, "srv-files", "nuke*", "incident 7")));
    }

    static String errorKey(HttpTester.Response response) throws Exception {
        JsonNode body = JSON.readTree(response.getContent());
        return body.at("/error/data/error").asText();
    }

    @Test
    void routeStepMapsSlugsAndRefusesUnknownDisabledAndNotReady() throws Exception {
        try (LocalChain chain = new LocalChain(bundle(), "", next -> next)) {
            HttpTester.Response ok = chain.send(LocalChain.request("GET", "/mcp/files"));
            assertThat(ok.getStatus()).isEqualTo(200);

            HttpTester.Response unknown = chain.send(LocalChain.request("GET", "/mcp/nope"));
            assertThat(unknown.getStatus()).isEqualTo(404);
            assertThat(errorKey(unknown)).isEqualTo("ROUTE_NOT_FOUND");
            assertThat(chain.send(LocalChain.request("GET", "/mcp/files/extra")).getStatus())
                    .isEqualTo(404);
            assertThat(chain.send(LocalChain.request("GET", "/elsewhere")).getStatus())
                    .isEqualTo(404);

            HttpTester.Response disabled = chain.send(LocalChain.request("GET", "/mcp/off"));
            assertThat(disabled.getStatus()).isEqualTo(503);
            assertThat(errorKey(disabled)).isEqualTo("ROUTE_DISABLED");

            // The audit step hands a record over when the response completes, which may be just
            // after the client has read it.
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(chain.audit)
                            .extracting(r -> r.decision() + ":" + r.reason())
                            .contains("allow:", "deny:ROUTE_NOT_FOUND", "deny:ROUTE_DISABLED"));
        }
        try (LocalChain empty = new LocalChain(null, "", next -> next)) {
            HttpTester.Response notReady = empty.send(LocalChain.request("GET", "/mcp/files"));
            assertThat(notReady.getStatus()).isEqualTo(503);
            assertThat(errorKey(notReady)).isEqualTo("NOT_READY");
        }
    }

    @Test
    void transportGuardRefusesEachViolationWithItsOwnError() throws Exception {
        Set<String> versions = Set.of("2025-06-18", "2025-11-25");
        try (LocalChain chain = new LocalChain(bundle(), "", next -> new TransportGuardHandler(100, versions, next))) {
            assertThat(chain.send(LocalChain.post("/mcp/files", LIST)).getStatus())
                    .isEqualTo(200);

            HttpTester.Response host = chain.send(LocalChain.post("/mcp/files", LIST, "Host: evil.example.com")
                    .replaceFirst("Host: localhost:9090\r\n", ""));
            assertThat(host.getStatus()).isEqualTo(403);
            assertThat(errorKey(host)).isEqualTo("HOST_NOT_ALLOWED");

            HttpTester.Response origin =
                    chain.send(LocalChain.post("/mcp/files", LIST, "Origin: https://evil.example"));
            assertThat(origin.getStatus()).isEqualTo(403);
            assertThat(errorKey(origin)).isEqualTo("ORIGIN_NOT_ALLOWED");
            assertThat(chain.send(LocalChain.post("/mcp/files", LIST, "Origin: https://app.example"))
                            .getStatus())
                    .isEqualTo(200);
            assertThat(chain.send(LocalChain.post("/mcp/files", LIST, "Origin: http://localhost:3000"))
                            .getStatus())
                    .isEqualTo(200);
            assertThat(chain.send(LocalChain.post("/mcp/files", LIST, "Origin: null"))
                            .getStatus())
                    .isEqualTo(403);

            HttpTester.Response type = chain.send(LocalChain.post("/mcp/files", LIST, "Content-Type: text/plain"));
            assertThat(type.getStatus()).isEqualTo(415);
            assertThat(errorKey(type)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

            HttpTester.Response accept = chain.send(LocalChain.post("/mcp/files", LIST, "Accept: application/json"));
            assertThat(accept.getStatus()).isEqualTo(406);
            assertThat(errorKey(accept)).isEqualTo("NOT_ACCEPTABLE");

            HttpTester.Response large = chain.send(LocalChain.post(
                    "/mcp/files",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"pad\":\"" + "x".repeat(200)
                            + "\"}}"));
            assertThat(large.getStatus()).isEqualTo(413);
            assertThat(errorKey(large)).isEqualTo("BODY_TOO_LARGE");

            HttpTester.Response version =
                    chain.send(LocalChain.post("/mcp/files", LIST, "MCP-Protocol-Version: 1999-01-01"));
            assertThat(version.getStatus()).isEqualTo(400);
            assertThat(errorKey(version)).isEqualTo("UNSUPPORTED_PROTOCOL_VERSION");

            HttpTester.Response put = chain.send(LocalChain.request("PUT", "/mcp/files"));
            assertThat(put.getStatus()).isEqualTo(405);
            assertThat(put.get("Allow")).isEqualTo("GET, POST, DELETE");

            assertThat(chain.send(LocalChain.request("GET", "/mcp/files", "Accept: application/json"))
                            .getStatus())
                    .isEqualTo(406);
            assertThat(chain.send(LocalChain.request("GET", "/mcp/files", "Accept: text/event-stream"))
                            .getStatus())
                    .isEqualTo(200);
        }
    }

    @Test
    void authenticationChallengesAndIdentifiesTheCaller() throws Exception {
        try (LocalChain chain = new LocalChain(bundle(), "", next -> new AuthenticationHandler(NO_CACHE, next))) {
            HttpTester.Response missing = chain.send(LocalChain.post("/mcp/files", LIST));
            assertThat(missing.getStatus()).isEqualTo(401);
            assertThat(missing.get("WWW-Authenticate"))
                    .isEqualTo(
                            "Bearer resource_metadata="
                                    + "\"http://127.0.0.1:9090/.well-known/oauth-protected-resource/mcp/files\", scope=\"mcp:connect\"");

            HttpTester.Response bad = chain.send(LocalChain.post("/mcp/files", LIST, "Authorization: Bearer forged"));
            assertThat(bad.getStatus()).isEqualTo(401);
            assertThat(bad.get("WWW-Authenticate")).contains("error=\"invalid_token\"");
            assertThat(JSON.readTree(bad.getContent()).at("/error/data/reason").asText())
                    .isEqualTo("BAD_SIGNATURE");

            HttpTester.Response query = chain.send(LocalChain.post("/mcp/files?access_token=abc", LIST));
            assertThat(query.getStatus()).isEqualTo(400);
            assertThat(errorKey(query)).isEqualTo("TOKEN_IN_QUERY");

            HttpTester.Response stranger =
                    chain.send(LocalChain.post("/mcp/files", LIST, "Authorization: Bearer good-stranger-mcp:connect"));
            assertThat(stranger.getStatus()).isEqualTo(401);

            HttpTester.Response noScope =
                    chain.send(LocalChain.post("/mcp/files", LIST, "Authorization: Bearer good-alice-"));
            assertThat(noScope.getStatus()).isEqualTo(403);
            assertThat(noScope.get("WWW-Authenticate"))
                    .contains("error=\"insufficient_scope\"", "scope=\"mcp:connect\"");

            HttpTester.Response ok =
                    chain.send(LocalChain.post("/mcp/files", LIST, "Authorization: bearer good-alice-files:write"));
            assertThat(ok.getStatus()).isEqualTo(200);
            assertThat(ok.getContent()).contains("subject=alice", "scopes=[files:read, files:write, mcp:connect]");
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(chain.audit)
                            .extracting(r -> r.reason())
                            .contains("BAD_SIGNATURE", "TOKEN_IN_QUERY", "UNTRUSTED_ISSUER"));
        }
    }

    @Test
    void authOffMakesCallersAnonymous() throws Exception {
        try (LocalChain chain = new LocalChain(
                bundle(),
                "profile: test\nroutes:\n  files: {auth: off}\n",
                next -> new AuthenticationHandler(NO_CACHE, next))) {
            HttpTester.Response ok = chain.send(LocalChain.post("/mcp/files", LIST));
            assertThat(ok.getStatus()).isEqualTo(200);
            assertThat(ok.getContent()).contains("subject=anonymous");
        }
    }

    @Test
    void decodeRefusesAnythingButOneJsonRpcMessage() throws Exception {
        try (LocalChain chain =
                new LocalChain(bundle(), "", next -> new JsonRpcDecodeHandler(200, new JsonRpcCodec(5), next))) {
            HttpTester.Response ok = chain.send(
                    LocalChain.post(
                            "/mcp/files",
                            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{}}}"));
            assertThat(ok.getContent()).contains("method=tools/call", "tool=echo");

            assertThat(errorKey(chain.send(LocalChain.post("/mcp/files", "[" + LIST + "]"))))
                    .isEqualTo("BATCH_NOT_SUPPORTED");
            assertThat(errorKey(chain.send(LocalChain.post("/mcp/files", LIST + LIST))))
                    .isEqualTo("MULTIPLE_MESSAGES");
            assertThat(errorKey(chain.send(LocalChain.post("/mcp/files", "{\"jsonrpc\":"))))
                    .isEqualTo("PARSE_ERROR");
            assertThat(errorKey(chain.send(
                            LocalChain.post("/mcp/files", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":1}}}}}}"))))
                    .isEqualTo("JSON_TOO_DEEP");
            assertThat(errorKey(chain.send(
                            LocalChain.post("/mcp/files", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"x\"}"))))
                    .isEqualTo("INVALID_REQUEST");
            assertThat(errorKey(chain.send(LocalChain.post(
                            "/mcp/files", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"method\":\"y\"}"))))
                    .isEqualTo("PARSE_ERROR");
            HttpTester.Response noName = chain.send(LocalChain.post(
                    "/mcp/files", "{\"jsonrpc\":\"2.0\",\"id\":\"q\",\"method\":\"tools/call\",\"params\":{}}"));
            assertThat(noName.getStatus()).isEqualTo(400);
            assertThat(errorKey(noName)).isEqualTo("INVALID_PARAMS");
            assertThat(JSON.readTree(noName.getContent()).get("id").asText()).isEqualTo("q");

            String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";
            assertThat(chain.send(LocalChain.post("/mcp/files", call, "Mcp-Method: tools/call", "Mcp-Name: echo"))
                            .getStatus())
                    .isEqualTo(200);
            HttpTester.Response mismatch = chain.send(LocalChain.post("/mcp/files", call, "Mcp-Name: delete_file"));
            assertThat(mismatch.getStatus()).isEqualTo(400);
            assertThat(errorKey(mismatch)).isEqualTo("HEADER_MISMATCH");
            assertThat(JSON.readTree(mismatch.getContent()).at("/error/code").asInt())
                    .isEqualTo(-32020);

            String chunked = "POST /mcp/files HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + "12c\r\n" + "x".repeat(300)
                    + "\r\n0\r\n\r\n";
            assertThat(errorKey(chain.send(chunked))).isEqualTo("BODY_TOO_LARGE");
        }
    }

    @Test
    void gatesStopKilledToolsAndCallsWithoutTheirScopes() throws Exception {
        try (LocalChain chain = new LocalChain(
                bundle(),
                "",
                next -> new AuthenticationHandler(
                        NO_CACHE,
                        new JsonRpcDecodeHandler(
                                10_000,
                                new JsonRpcCodec(32),
                                new GateHandler(
                                        "kill-switch",
                                        new KillSwitchGate(),
                                        new GateHandler("policy", new ToolScopePolicy(), next)))))) {
            String reader = "Authorization: Bearer good-alice-files:read";
            String writer = "Authorization: Bearer good-bob-files:write";
            String delete =
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"delete_file\"}}";

            HttpTester.Response denied = chain.send(LocalChain.post("/mcp/files", delete, reader));
            assertThat(denied.getStatus()).isEqualTo(403);
            assertThat(errorKey(denied)).isEqualTo("INSUFFICIENT_SCOPE");
            assertThat(denied.get("WWW-Authenticate")).contains("scope=\"mcp:connect files:write\"");
            assertThat(chain.send(LocalChain.post("/mcp/files", delete, writer)).getStatus())
                    .isEqualTo(200);

            HttpTester.Response unbound = chain.send(LocalChain.post(
                    "/mcp/files",
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"mystery\"}}",
                    writer));
            assertThat(errorKey(unbound)).isEqualTo("TOOL_NOT_PERMITTED");

            HttpTester.Response killed = chain.send(LocalChain.post(
                    "/mcp/files",
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"nuke_all\"}}",
                    writer));
            assertThat(killed.getStatus()).isEqualTo(403);
            assertThat(errorKey(killed)).isEqualTo("KILL_SWITCH_ENGAGED");

            assertThat(chain.send(LocalChain.post("/mcp/files", LIST, reader)).getStatus())
                    .isEqualTo(200);
        }
    }

    @Test
    void sessionStepNeedsALiveSessionOfTheSamePrincipal() throws Exception {
        SessionStore sessions = new SessionStore(Duration.ofMinutes(5), 10, Clock.systemUTC());
        try (LocalChain chain = new LocalChain(
                bundle(),
                "",
                next -> new AuthenticationHandler(
                        NO_CACHE,
                        new JsonRpcDecodeHandler(10_000, new JsonRpcCodec(32), new SessionHandler(sessions, next))))) {
            String alice = "Authorization: Bearer good-alice-mcp:connect";
            String bob = "Authorization: Bearer good-bob-mcp:connect";
            String routeKey = chain.bundles.current().route("files").key();
            String id = sessions.create(LocalChain.ISSUER + "\nalice", routeKey, "up-1")
                    .orElseThrow()
                    .id();

            assertThat(chain.send(LocalChain.post("/mcp/files", LIST, alice, "Mcp-Session-Id: " + id))
                            .getStatus())
                    .isEqualTo(200);
            HttpTester.Response foreign = chain.send(LocalChain.post("/mcp/files", LIST, bob, "Mcp-Session-Id: " + id));
            assertThat(foreign.getStatus()).isEqualTo(404);
            assertThat(errorKey(foreign)).isEqualTo("SESSION_NOT_FOUND");
            assertThat(errorKey(chain.send(LocalChain.post("/mcp/files", LIST, alice))))
                    .isEqualTo("SESSION_REQUIRED");
            assertThat(chain.send(LocalChain.post(
                                    "/mcp/files",
                                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
                                    alice))
                            .getStatus())
                    .isEqualTo(200);
        }
    }
}
