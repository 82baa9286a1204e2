package io.gatehouse.dataplane.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;

/** Plain HTTP calls to an MCP endpoint, for assertions on status codes and headers. */
public final class RawMcp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = new HttpClient();
    private final URI endpoint;

    public RawMcp(URI endpoint) throws Exception {
        this.endpoint = endpoint;
        client.start();
    }

    /** A response with its body parsed as JSON when it is JSON (or an SSE stream's last data line). */
    public record Reply(int status, org.eclipse.jetty.http.HttpFields headers, String body) {
        public JsonNode json() {
            try {
                String text = body;
                if (text.startsWith("event:")
                        || text.startsWith("id:")
                        || text.startsWith("data:")
                        || text.startsWith(":")) {
                    String last = null;
                    for (String line : text.split("\n")) {
                        if (line.startsWith("data:")
                                && line.length() > 5
                                && !line.substring(5).isBlank()) {
                            last = line.substring(5).trim();
                        }
                    }
                    text = last;
                }
                return JSON.readTree(text);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    public Reply post(String json, String token, String session, Map<String, String> extra) throws Exception {
        Request request = client.newRequest(endpoint)
                .method("POST")
                .timeout(20, TimeUnit.SECONDS)
                .headers(h -> {
                    h.put("Accept", "application/json, text/event-stream");
                    if (token != null) {
                        h.put("Authorization", "Bearer " + token);
                    }
                    if (session != null) {
                        h.put("Mcp-Session-Id", session);
                    }
                    extra.forEach(h::put);
                })
                .body(new StringRequestContent("application/json", json, StandardCharsets.UTF_8));
        return reply(request.send());
    }

    public Reply send(String method, String token, String session, Map<String, String> extra) throws Exception {
        Request request = client.newRequest(endpoint)
                .method(method)
                .timeout(20, TimeUnit.SECONDS)
                .headers(h -> {
                    if (token != null) {
                        h.put("Authorization", "Bearer " + token);
                    }
                    if (session != null) {
                        h.put("Mcp-Session-Id", session);
                    }
                    extra.forEach(h::put);
                });
        return reply(request.send());
    }

    public Reply get(URI uri) throws Exception {
        return reply(client.newRequest(uri).timeout(10, TimeUnit.SECONDS).send());
    }

    /** initialize + notifications/initialized; returns the gateway session id. */
    public String initialize(String token) throws Exception {
        Reply init = post(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                token,
                null,
                Map.of());
        if (init.status() != 200) {
            throw new AssertionError("initialize: " + init.status() + " " + init.body());
        }
        String session = init.header("Mcp-Session-Id");
        Reply initialized = post(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                token,
                session,
                Map.of("MCP-Protocol-Version", "2025-11-25"));
        if (initialized.status() != 202) {
            throw new AssertionError("initialized: " + initialized.status() + " " + initialized.body());
        }
        return session;
    }

    private static Reply reply(ContentResponse response) {
        return new Reply(
                response.getStatus(), response.getHeaders(), new String(response.getContent(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
