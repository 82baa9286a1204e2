package io.gatehouse.dataplane.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The agent's own MCP client for one purpose: fetching an upstream server's complete {@code tools/list} (a fresh
 * session: {@code initialize}, {@code notifications/initialized}, {@code tools/list} with its pages, then
 * {@code DELETE}), with the gateway's upstream credential and a deadline for the whole exchange. Answers in JSON or
 * as an SSE stream are both read. Never follows redirects (the client is the proxy's own).
 */
public final class UpstreamToolLister {

    /** The protocol version the agent offers; the server's answer is used for the following requests. */
    static final String PROTOCOL_VERSION = "2025-11-25";

    private static final int MAX_PAGES = 20;
    private static final int MAX_TOOLS = 1000;
    private static final String SESSION_HEADER = "Mcp-Session-Id";

    private final HttpClient client;
    private final ObjectMapper json;
    private final Duration timeout;

    /**
     * @param client a started Jetty client (redirects off); its response size limit bounds each answer
     * @param json the agent's JSON mapper (bounded nesting depth)
     * @param timeout deadline of the whole exchange
     */
    public UpstreamToolLister(HttpClient client, ObjectMapper json, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.json = Objects.requireNonNull(json, "json");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * The server's tools, all pages concatenated, as a {@code tools} array of raw tool objects.
     *
     * @throws ToolListException naming the step that failed
     */
    public ArrayNode list(URI upstream, Map<String, String> credentialHeaders) {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(credentialHeaders, "credentialHeaders");
        long deadline = System.nanoTime() + timeout.toNanos();
        ObjectNode init = request(1, "initialize");
        ObjectNode params = init.putObject("params");
        params.put("protocolVersion", PROTOCOL_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "gatehouse-data-plane").put("version", "1");
        Exchange initialized = post(upstream, credentialHeaders, null, null, init, deadline);
        JsonNode version = initialized.result().get("protocolVersion");
        String protocolVersion = version != null && version.isTextual() ? version.asText() : PROTOCOL_VERSION;
        String session = initialized.session();
        try {
            ObjectNode notification = JsonNodeFactory.instance.objectNode();
            notification.put("jsonrpc", "2.0").put("method", "notifications/initialized");
            post(upstream, credentialHeaders, session, protocolVersion, notification, deadline);
            ArrayNode tools = JsonNodeFactory.instance.arrayNode();
            String cursor = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                ObjectNode list = request(2 + page, "tools/list");
                if (cursor != null) {
                    list.putObject("params").put("cursor", cursor);
                }
                JsonNode result = post(upstream, credentialHeaders, session, protocolVersion, list, deadline)
                        .result();
                JsonNode pageTools = result.get("tools");
                if (pageTools == null || !pageTools.isArray()) {
                    throw new ToolListException("tools/list: the result has no tools array");
                }
                tools.addAll((ArrayNode) pageTools);
                if (tools.size() > MAX_TOOLS) {
                    throw new ToolListException("tools/list: more than " + MAX_TOOLS + " tools");
                }
                JsonNode next = result.get("nextCursor");
                if (next == null || !next.isTextual() || next.asText().isEmpty()) {
                    return tools;
                }
                cursor = next.asText();
            }
            throw new ToolListException("tools/list: more than " + MAX_PAGES + " pages");
        } finally {
            if (session != null) {
                Request delete = client.newRequest(upstream).method("DELETE").timeout(2, TimeUnit.SECONDS);
                delete.headers(h -> {
                    credentialHeaders.forEach(h::put);
                    h.put(SESSION_HEADER, session);
                });
                delete.send(result -> {}); // best effort: the session is the agent's own
            }
        }
    }

    private record Exchange(JsonNode result, String session) {}

    private static ObjectNode request(int id, String method) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("jsonrpc", "2.0").put("id", id).put("method", method);
        return message;
    }

    private Exchange post(
            URI upstream,
            Map<String, String> credentialHeaders,
            String session,
            String protocolVersion,
            ObjectNode message,
            long deadline) {
        String method = message.get("method").asText();
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ToolListException(method + ": no time left (deadline " + timeout.toMillis() + " ms)");
        }
        Request request = client.newRequest(upstream)
                .method("POST")
                .timeout(left, TimeUnit.NANOSECONDS)
                .headers(h -> {
                    h.put(HttpHeader.ACCEPT, "application/json, text/event-stream");
                    if (session != null) {
                        h.put(SESSION_HEADER, session);
                    }
                    if (protocolVersion != null) {
                        h.put("MCP-Protocol-Version", protocolVersion);
                    }
                    credentialHeaders.forEach(h::put);
                })
                .body(new StringRequestContent("application/json", message.toString(), StandardCharsets.UTF_8));
        ContentResponse response;
        try {
            response = request.send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolListException(method + ": interrupted");
        } catch (TimeoutException e) {
            throw new ToolListException(method + ": no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new ToolListException(method + ": " + e.getCause().getClass().getSimpleName());
        }
        int status = response.getStatus();
        JsonNode id = message.get("id");
        if (id == null) {
            if (status / 100 != 2) {
                throw new ToolListException(method + ": HTTP " + status);
            }
            return new Exchange(null, session);
        }
        if (status != 200) {
            throw new ToolListException(method + ": HTTP " + status);
        }
        JsonNode answer = answer(response, id.asInt(), method);
        JsonNode result = answer.get("result");
        if (result == null || !result.isObject()) {
            JsonNode error = answer.path("error").path("message");
            throw new ToolListException(
                    method + ": JSON-RPC error" + (error.isTextual() ? " (" + clip(error.asText()) + ")" : ""));
        }
        String upstreamSession = response.getHeaders().get(SESSION_HEADER);
        return new Exchange(result, session != null ? session : upstreamSession);
    }

    /** The JSON-RPC response with {@code id}: the body, or the matching event of an SSE stream. */
    private JsonNode answer(ContentResponse response, int id, String method) {
        String type = response.getMediaType();
        String body = response.getContentAsString();
        try {
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
                StringBuilder data = new StringBuilder();
                for (String line : (body + "\n\n").split("\r?\n", -1)) {
                    if (line.startsWith("data:")) {
                        data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5))
                                .append('\n');
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        JsonNode event = json.readTree(data.toString());
                        data.setLength(0);
                        if (event.has("id") && event.get("id").asInt(-1) == id) {
                            return event;
                        }
                    }
                }
                throw new ToolListException(method + ": the SSE stream ended without the response");
            }
            JsonNode answer = json.readTree(body);
            if (answer == null || !answer.isObject()) {
                throw new ToolListException(method + ": the answer is not a JSON object");
            }
            return answer;
        } catch (IOException e) {
            throw new ToolListException(method + ": the answer is not valid JSON");
        }
    }

    private static String clip(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
    }

    /** Why the list could not be fetched (secret-free; names the MCP step). */
    public static final class ToolListException extends RuntimeException {
        public ToolListException(String message) {
            super(message);
        }
    }
}
