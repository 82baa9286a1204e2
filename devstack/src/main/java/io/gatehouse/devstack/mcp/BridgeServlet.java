package io.gatehouse.devstack.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.devstack.mcp.BridgeRelay.BridgeException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The Streamable HTTP side of {@link StdioHttpBridge}: POST carries one JSON-RPC message (requests are
 * answered with {@code application/json}, notifications and responses with 202), GET opens the
 * server-to-client SSE stream, DELETE is not supported (405: the one child session outlives clients).
 * Every request must carry the configured API key header (401 otherwise) and is recorded first.
 */
final class BridgeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final transient BridgeRelay relay;
    private final transient ObjectMapper json;
    private final String apiKeyHeader;
    private final byte[] apiKey;
    private final String sessionId;
    private final Duration requestTimeout;
    private final transient List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    BridgeServlet(
            BridgeRelay relay,
            ObjectMapper json,
            String apiKeyHeader,
            String apiKey,
            String sessionId,
            Duration requestTimeout) {
        this.relay = relay;
        this.json = json;
        this.apiKeyHeader = apiKeyHeader;
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.sessionId = sessionId;
        this.requestTimeout = requestTimeout;
    }

    List<RecordedRequest> recorded() {
        return List.copyOf(recorded);
    }

    void clearRecorded() {
        recorded.clear();
    }

    void closing() {
        closing = true;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        record(request);
        if (!authorized(request)) {
            problem(response, 401, "UPSTREAM_API_KEY_INVALID", "missing or wrong " + apiKeyHeader + " header");
            return;
        }
        switch (request.getMethod()) {
            case "POST" -> post(request, response);
            case "GET" -> get(request, response);
            default -> {
                response.setHeader("Allow", "GET, POST");
                problem(response, 405, "METHOD_NOT_ALLOWED", request.getMethod() + " is not supported (GET, POST)");
            }
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            problem(
                    response,
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "Content-Type: " + contentType + " (expected application/json)");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            problem(response, 413, "BODY_TOO_LARGE", "body exceeds " + MAX_BODY_BYTES + " bytes");
            return;
        }
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (JsonProcessingException e) {
            jsonRpcError(response, 400, null, -32700, "Parse error: body is not JSON");
            return;
        }
        if (message == null
                || !message.isObject()
                || !"2.0".equals(message.path("jsonrpc").asText())) {
            jsonRpcError(response, 400, null, -32600, "Invalid Request: expected one JSON-RPC 2.0 object (no batches)");
            return;
        }
        ObjectNode object = (ObjectNode) message;
        boolean hasId = object.hasNonNull("id");
        boolean hasMethod = object.hasNonNull("method");
        try {
            if (hasMethod && hasId) {
                ObjectNode answer = relay.request(object, requestTimeout);
                if ("initialize".equals(object.path("method").asText())) {
                    response.setHeader("Mcp-Session-Id", sessionId);
                }
                response.setStatus(200);
                response.setContentType("application/json");
                response.getOutputStream().write(json.writeValueAsBytes(answer));
            } else if (hasMethod || (hasId && (object.has("result") || object.has("error")))) {
                relay.forward(object);
                response.setStatus(202);
            } else {
                jsonRpcError(
                        response,
                        400,
                        null,
                        -32600,
                        "Invalid Request: neither a request, a notification nor a response");
            }
        } catch (BridgeException e) {
            jsonRpcError(response, e.status(), object.get("id"), -32603, e.getMessage());
        }
    }

    private void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            problem(response, 406, "NOT_ACCEPTABLE", "GET needs Accept: text/event-stream");
            return;
        }
        BlockingQueue<JsonNode> queue = relay.openClientStream();
        if (queue == null) {
            problem(response, 409, "STREAM_ALREADY_OPEN", "another client holds the server-to-client stream");
            return;
        }
        try {
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            PrintWriter out = response.getWriter();
            out.flush();
            response.flushBuffer();
            while (!closing) {
                JsonNode next = queue.poll(250, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                out.write("event: message\ndata: " + json.writeValueAsString(next) + "\n\n");
                out.flush();
                if (out.checkError()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            relay.closeClientStream(queue);
        }
    }

    private boolean authorized(HttpServletRequest request) {
        String presented = request.getHeader(apiKeyHeader);
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), apiKey);
    }

    private void record(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        recorded.add(new RecordedRequest(request.getMethod(), request.getRequestURI(), headers));
    }

    private void jsonRpcError(HttpServletResponse response, int status, JsonNode id, int code, String message)
            throws IOException {
        ObjectNode error = json.createObjectNode().put("jsonrpc", "2.0");
        error.set("id", id == null ? json.nullNode() : id);
        error.putObject("error").put("code", code).put("message", message);
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(error));
    }

    private void problem(HttpServletResponse response, int status, String key, String detail) throws IOException {
        ObjectNode body = json.createObjectNode().put("error", key).put("detail", detail);
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
