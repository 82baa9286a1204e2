package io.gatehouse.dataplane.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.dataplane.mcp.GatewaySession;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import io.gatehouse.dataplane.mcp.SseEvent;
import io.gatehouse.dataplane.mcp.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 10: relays the upstream's answer. JSON bodies are read (bounded) as the upstream delivers
 * them, filtered and written, with no thread waiting in between; SSE streams are relayed event by
 * event as each one completes (flushed at once, never buffered whole), each event's JSON-RPC
 * message passing the same filters; anything else is copied through.
 */
public final class ResponseRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseRelay.class);
    private static final HttpHeader[] RESPONSE_HEADERS = {
        HttpHeader.CONTENT_TYPE, HttpHeader.CACHE_CONTROL, HttpHeader.RETRY_AFTER, HttpHeader.ALLOW
    };

    private final List<ResponseFilter> filters;
    private final ObjectMapper json;
    private final int maxResponseBytes;

    public ResponseRelay(List<ResponseFilter> filters, ObjectMapper json, int maxResponseBytes) {
        this.filters = List.copyOf(filters);
        this.json = json;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** How an upstream body is relayed, chosen from its content type once the headers arrived. */
    enum Mode {
        /** A JSON-RPC answer: read whole (bounded), filtered, written with its length. */
        JSON,
        /** An SSE stream: relayed event by event, each event filtered. */
        EVENTS,
        /** Anything else: copied through as it arrives. */
        BYTES
    }

    /** Copies the upstream's status and the relayed headers; returns how the body is relayed. */
    Mode begin(McpExchange exchange, org.eclipse.jetty.client.Response upstream, Response response) {
        response.setStatus(upstream.getStatus());
        HttpFields headers = upstream.getHeaders();
        HttpFields.Mutable out = response.getHeaders();
        for (HttpHeader name : RESPONSE_HEADERS) {
            String value = headers.get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        String contentType = headers.get(HttpHeader.CONTENT_TYPE);
        if (contentType == null) {
            return Mode.BYTES;
        }
        if (startsWithIgnoreCase(contentType, "text/event-stream")) {
            return Mode.EVENTS;
        }
        if (startsWithIgnoreCase(contentType, "application/json") && exchange.message() != null) {
            return Mode.JSON;
        }
        return Mode.BYTES;
    }

    /**
     * Relays the body without parking a thread for JSON and plain bytes (content demand, write
     * callbacks). An SSE stream is relayed on a virtual thread of its own: its events are read and
     * written one at a time as they complete, so a stream that stays open costs no platform thread.
     * {@code abortUpstream} gives up the upstream exchange when the client's answer is decided early.
     */
    void relayBody(
            Mode mode,
            McpExchange exchange,
            Content.Source body,
            Request request,
            Response response,
            Callback callback,
            Consumer<Throwable> abortUpstream) {
        switch (mode) {
            case JSON -> new JsonBody(exchange, body, request, response, callback, abortUpstream).read();
            case BYTES -> Content.copy(body, response, callback);
            case EVENTS ->
                Thread.ofVirtual().name("sse-relay").start(() -> {
                    try (InputStream in = Content.Source.asInputStream(body)) {
                        relayEvents(exchange, in, response);
                        callback.succeeded();
                    } catch (IOException | RuntimeException e) {
                        abortUpstream.accept(e);
                        LOG.debug("relay of {} ended: {}", exchange.requestId(), e.toString());
                        callback.failed(e);
                    }
                });
        }
    }

    /** Reads a JSON body chunk by chunk as the upstream delivers it (bounded), then filters and writes it. */
    private final class JsonBody implements Runnable {
        private final McpExchange exchange;
        private final Content.Source source;
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Consumer<Throwable> abortUpstream;
        private byte[] bytes = new byte[1024];
        private int size;

        JsonBody(
                McpExchange exchange,
                Content.Source source,
                Request request,
                Response response,
                Callback callback,
                Consumer<Throwable> abortUpstream) {
            this.exchange = exchange;
            this.source = source;
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.abortUpstream = abortUpstream;
        }

        @Override
        public void run() {
            read();
        }

        void read() {
            while (true) {
                Content.Chunk chunk = source.read();
                if (chunk == null) {
                    source.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    Throwable failure = chunk.getFailure();
                    LOG.debug("relay of {} ended: {}", exchange.requestId(), failure.toString());
                    callback.failed(failure);
                    return;
                }
                ByteBuffer buffer = chunk.getByteBuffer();
                int n = buffer.remaining();
                if (size + n > maxResponseBytes) {
                    chunk.release();
                    UpstreamTooLargeException tooLarge = new UpstreamTooLargeException(maxResponseBytes);
                    abortUpstream.accept(tooLarge);
                    Responses.refuse(
                            request,
                            response,
                            callback,
                            Refusal.of(ErrorKey.UPSTREAM_PROTOCOL_ERROR, tooLarge.getMessage()));
                    return;
                }
                if (size + n > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.min(maxResponseBytes, Math.max(size + n, bytes.length * 2)));
                }
                buffer.get(bytes, size, n);
                size += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    finish();
                    return;
                }
            }
        }

        private void finish() {
            byte[] body = Arrays.copyOf(bytes, size);
            try {
                body = filterJson(exchange, body);
            } catch (RuntimeException e) {
                callback.failed(e);
                return;
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** The JSON answer after the filters; the same bytes when none applies or nothing changed. */
    private byte[] filterJson(McpExchange exchange, byte[] body) {
        if (!anyFilterApplies(exchange, exchange.message().isRequest("tools/list"))) {
            return body;
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            return body;
        }
        if (tree instanceof ObjectNode message && filter(exchange, message)) {
            try {
                return json.writeValueAsBytes(message);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a filtered JSON-RPC message could not be written", e);
            }
        }
        return body;
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
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

    private static final class UpstreamTooLargeException extends IOException {
        UpstreamTooLargeException(int limit) {
            super("the upstream's response exceeded " + limit + " bytes");
        }
    }
}
