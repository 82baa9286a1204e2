package io.gatehouse.dataplane.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.dataplane.mcp.GatewaySession;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import io.gatehouse.dataplane.mcp.SseEvent;
import io.gatehouse.dataplane.mcp.SseReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 10: relays the upstream's answer. JSON bodies are read (bounded), filtered and written; SSE
 * streams are relayed event by event as each one completes (flushed at once, never buffered
 * whole), each event's JSON-RPC message passing the same filters; anything else is copied through.
 */
public final class ResponseRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseRelay.class);
    private static final String[] RESPONSE_HEADERS = {"Content-Type", "Cache-Control", "Retry-After", "Allow"};

    private final List<ResponseFilter> filters;
    private final ObjectMapper json;
    private final int maxResponseBytes;

    public ResponseRelay(List<ResponseFilter> filters, ObjectMapper json, int maxResponseBytes) {
        this.filters = List.copyOf(filters);
        this.json = json;
        this.maxResponseBytes = maxResponseBytes;
    }

    void relay(
            McpExchange exchange,
            org.eclipse.jetty.client.Response upstream,
            InputStreamResponseListener listener,
            Request request,
            Response response,
            Callback callback) {
        response.setStatus(upstream.getStatus());
        for (String name : RESPONSE_HEADERS) {
            String value = upstream.getHeaders().get(name);
            if (value != null) {
                response.getHeaders().put(name, value);
            }
        }
        String contentType = upstream.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        try (InputStream in = listener.getInputStream()) {
            if (type.startsWith("text/event-stream")) {
                relayEvents(exchange, in, response);
            } else if (type.startsWith("application/json") && exchange.message() != null) {
                relayJson(exchange, in, request, response, callback);
                return;
            } else {
                relayBytes(in, response);
            }
            callback.succeeded();
        } catch (UpstreamTooLargeException e) {
            Responses.refuse(request, response, callback, Refusal.of(ErrorKey.UPSTREAM_PROTOCOL_ERROR, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            closeQuietly(listener);
            LOG.debug("relay of {} ended: {}", exchange.requestId(), e.toString());
            callback.failed(e);
        }
    }

    private void relayJson(McpExchange exchange, InputStream in, Request request, Response response, Callback callback)
            throws IOException {
        byte[] body = readBounded(in);
        if (anyFilterApplies(exchange, exchange.message().isRequest("tools/list"))) {
            JsonNode tree;
            try {
                tree = json.readTree(body);
            } catch (JsonProcessingException e) {
                tree = null;
            }
            if (tree instanceof ObjectNode message && filter(exchange, message)) {
                body = json.writeValueAsBytes(message);
            }
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        Callback.Completable written = new Callback.Completable();
        response.write(true, java.nio.ByteBuffer.wrap(body), written);
        try {
            written.get();
            callback.succeeded();
        } catch (Exception e) {
            callback.failed(e);
        }
    }

    private void relayEvents(McpExchange exchange, InputStream in, Response response) throws IOException {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Accel-Buffering", "no");
        OutputStream out = Content.Sink.asOutputStream(response);
        out.flush(); // commit the headers now: a GET stream may stay quiet for a long time
        SseReader reader = new SseReader(in, maxResponseBytes);
        try {
            SseEvent event;
            while ((event = readEvent(reader, exchange)) != null) {
                out.write(rewrite(exchange, event));
                out.flush();
            }
        } finally {
            out.close();
        }
    }

    /** The next upstream event; an upstream that fails mid-stream just ends the client's stream. */
    private static SseEvent readEvent(SseReader reader, McpExchange exchange) {
        try {
            return reader.next();
        } catch (IOException e) {
            LOG.debug("upstream stream of {} ended: {}", exchange.requestId(), e.toString());
            return null;
        }
    }

    private byte[] rewrite(McpExchange exchange, SseEvent event) {
        if (event.data() == null || event.data().isEmpty()) {
            return event.raw();
        }
        JsonRpcMessage request = exchange.message();
        GatewaySession session = exchange.session();
        boolean mayAnswerToolList = (request != null && request.isRequest("tools/list"))
                || (session != null && session.hasPendingToolLists());
        if (!anyFilterApplies(exchange, mayAnswerToolList)) {
            return event.raw();
        }
        JsonNode tree;
        try {
            tree = json.readTree(event.data());
        } catch (JsonProcessingException e) {
            tree = null;
        }
        if (!(tree instanceof ObjectNode message)) {
            // not an MCP message: still no secret may pass (text redaction), nothing else applies
            String data = event.data();
            for (ResponseFilter filter : filters) {
                data = filter.applyToText(exchange, data);
            }
            return data.equals(event.data()) ? event.raw() : event.withData(data);
        }
        if (filter(exchange, message)) {
            return event.withData(message.toString());
        }
        return event.raw();
    }

    private boolean anyFilterApplies(McpExchange exchange, boolean mayAnswerToolList) {
        for (ResponseFilter filter : filters) {
            if (filter.appliesTo(exchange, mayAnswerToolList)) {
                return true;
            }
        }
        return false;
    }

    /** Runs every filter; true when the message changed. */
    private boolean filter(McpExchange exchange, ObjectNode message) {
        boolean answersToolList = false;
        JsonNode id = message.get("id");
        if (id != null && !message.has("method") && (message.has("result") || message.has("error"))) {
            String idText = id.toString();
            JsonRpcMessage request = exchange.message();
            GatewaySession session = exchange.session();
            answersToolList = (request != null && request.isRequest("tools/list") && idText.equals(request.id()))
                    || (session != null && session.answersToolList(idText));
            if (session != null && answersToolList) {
                session.toolListAnswered(idText);
            }
        }
        boolean changed = false;
        for (ResponseFilter filter : filters) {
            changed |= filter.apply(exchange, message, answersToolList);
        }
        return changed;
    }

    private static void closeQuietly(InputStreamResponseListener listener) {
        try {
            listener.close();
        } catch (IOException | RuntimeException ignored) {
            // the upstream exchange is being abandoned anyway
        }
    }

    private static void relayBytes(InputStream in, Response response) throws IOException {
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            in.transferTo(out);
        }
    }

    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > maxResponseBytes) {
                throw new UpstreamTooLargeException(maxResponseBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static final class UpstreamTooLargeException extends IOException {
        UpstreamTooLargeException(int limit) {
            super("the upstream's response exceeded " + limit + " bytes");
        }
    }
}
