package io.gatehouse.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.dataplane.audit.AuditRecord;
import io.gatehouse.dataplane.config.DataPlaneConfig.Limits;
import io.gatehouse.dataplane.mcp.JsonRpcCodec;
import io.gatehouse.dataplane.mcp.SessionStore;
import io.gatehouse.dataplane.support.TestBundles;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.McpServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous relay of {@link UpstreamProxyHandler} and {@link ResponseRelay} against a real Jetty
 * upstream: a JSON answer that arrives in pieces, an upstream that never answers, one that answers more than
 * {@code maxResponseBytes}, one that refuses the gateway's credential, one that answers without a body.
 */
class UpstreamRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER =
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"in two pieces\"}]}}";
    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{}}}";
    private static final int MAX_RESPONSE_BYTES = 1000;

    private static final Queue<Callback> held = new ConcurrentLinkedQueue<>();
    private static Server upstream;
    private static HttpClient client;
    private static URI base;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new Server();
        ServerConnector connector = new ServerConnector(upstream);
        connector.setHost("127.0.0.1");
        upstream.addConnector(connector);
        upstream.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                switch (path) {
                    case "/pieces" -> {
                        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
                        int half = body.length / 2;
                        response.getHeaders().put("Content-Type", "application/json");
                        Callback.Completable first = new Callback.Completable();
                        response.write(false, ByteBuffer.wrap(body, 0, half), first);
                        first.get();
                        Thread.sleep(100); // the relay must wait for content without a thread doing so
                        response.write(true, ByteBuffer.wrap(body, half, body.length - half), callback);
                    }
                    case "/silent" -> held.add(callback); // answered only when the test ends
                    case "/big" -> {
                        response.getHeaders().put("Content-Type", "application/json");
                        String big =
                                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"text\":\"" + "x".repeat(5000) + "\"}}";
                        response.write(true, ByteBuffer.wrap(big.getBytes(StandardCharsets.UTF_8)), callback);
                    }
                    case "/refuses" -> {
                        response.setStatus(401);
                        callback.succeeded();
                    }
                    case "/accepted" -> {
                        response.setStatus(202);
                        callback.succeeded();
                    }
                    default -> {
                        response.setStatus(404);
                        callback.succeeded();
                    }
                }
                return true;
            }
        });
        upstream.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        client = new HttpClient();
        client.start();
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        held.forEach(Callback::succeeded);
        client.stop();
        upstream.stop();
    }

    private static LocalChain chain() throws Exception {
        List<McpServer> servers = List.of("pieces", "silent", "big", "refuses", "accepted").stream()
                .map(slug ->
                        TestBundles.server(slug, base.resolve("/" + slug), List.of(), McpServer.UnboundTools.ALLOW))
                .toList();
        Bundle bundle = TestBundles.bundle(1, servers, List.of(), List.of(), List.of());
        Limits limits = new Limits(
                1 << 20,
                64,
                MAX_RESPONSE_BYTES,
                Duration.ofSeconds(5),
                Duration.ofMillis(400),
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                100);
        SessionStore sessions = new SessionStore(Duration.ofMinutes(30), 100, Clock.systemUTC());
        return new LocalChain(
                bundle,
                "",
                next -> new JsonRpcDecodeHandler(
                        1 << 20,
                        new JsonRpcCodec(64),
                        new UpstreamProxyHandler(
                                client,
                                limits,
                                sessions,
                                new ResponseRelay(List.of(), new ObjectMapper(), MAX_RESPONSE_BYTES))));
    }

    @Test
    void jsonArrivingInPiecesIsRelayedWhole() throws Exception {
        try (LocalChain chain = chain()) {
            HttpTester.Response reply = chain.send(LocalChain.post("/mcp/pieces", CALL));
            assertThat(reply.getStatus()).isEqualTo(200);
            assertThat(reply.getContent()).isEqualTo(ANSWER);
            assertThat(reply.get("Content-Length")).isEqualTo(String.valueOf(ANSWER.length()));
            assertThat(reply.get("Content-Type")).startsWith("application/json");
            assertThat(lastAudit(chain).decision()).isEqualTo("allow");
        }
    }

    @Test
    void anUpstreamWithoutAnswerTimesOut() throws Exception {
        try (LocalChain chain = chain()) {
            HttpTester.Response reply = chain.send(LocalChain.post("/mcp/silent", CALL));
            assertThat(reply.getStatus()).isEqualTo(504);
            assertThat(errorKey(reply)).isEqualTo("UPSTREAM_TIMEOUT");
            assertThat(JSON.readTree(reply.getContent()).get("id").asInt()).isEqualTo(7);
            assertThat(lastAudit(chain).reason()).isEqualTo("UPSTREAM_TIMEOUT");
        }
    }

    @Test
    void anAnswerOverTheLimitIsRefusedNotTruncated() throws Exception {
        try (LocalChain chain = chain()) {
            HttpTester.Response reply = chain.send(LocalChain.post("/mcp/big", CALL));
            assertThat(errorKey(reply)).isEqualTo("UPSTREAM_PROTOCOL_ERROR");
            assertThat(reply.getContent()).doesNotContain("xxxx");
            assertThat(lastAudit(chain).decision()).isEqualTo("error");
        }
    }

    @Test
    void anUpstreamRefusingTheGatewaysCredentialIsReportedAsSuch() throws Exception {
        try (LocalChain chain = chain()) {
            HttpTester.Response reply = chain.send(LocalChain.post("/mcp/refuses", CALL));
            assertThat(errorKey(reply)).isEqualTo("UPSTREAM_AUTH_FAILED");
        }
    }

    @Test
    void anAnswerWithoutBodyKeepsItsStatus() throws Exception {
        try (LocalChain chain = chain()) {
            HttpTester.Response reply = chain.send(
                    LocalChain.post("/mcp/accepted", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
            assertThat(reply.getStatus()).isEqualTo(202);
            assertThat(reply.getContent()).isEmpty();
        }
    }

    private static AuditRecord lastAudit(LocalChain chain) throws InterruptedException {
        for (int i = 0; i < 100 && chain.audit.isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(chain.audit).isNotEmpty();
        return chain.audit.get(chain.audit.size() - 1);
    }

    private static String errorKey(HttpTester.Response reply) throws Exception {
        JsonNode body = JSON.readTree(reply.getContent());
        return body.at("/error/data/error").asText();
    }
}
