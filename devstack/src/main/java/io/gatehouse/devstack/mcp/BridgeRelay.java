package io.gatehouse.devstack.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JSON-RPC between HTTP clients and one stdio child.
 *
 * <ul>
 *   <li>Client requests get a bridge-wide id before they reach the child (so concurrent clients that
 *       both use id 1 do not collide) and get their own id back on the response.
 *   <li>{@code initialize} loses the client's {@code roots} capability: the child keeps the root folder it
 *       was started with instead of letting a remote client redefine it.
 *   <li>Server-initiated requests and notifications go to the open GET (SSE) stream, if any. Without one,
 *       {@code ping} and {@code roots/list} are answered by the bridge (roots = the configured folder);
 *       other requests get a JSON-RPC error, notifications are dropped.
 * </ul>
 */
final class BridgeRelay {

    static final int NO_CLIENT_STREAM = -32601;
    private static final Logger log = LoggerFactory.getLogger(BridgeRelay.class);

    private final ObjectMapper json;
    private final List<Map<String, String>> roots;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<ObjectNode>> pending = new ConcurrentHashMap<>();
    private final AtomicReference<BlockingQueue<JsonNode>> clientStream = new AtomicReference<>();
    private volatile StdioChild child;
    private volatile boolean childGone;

    BridgeRelay(ObjectMapper json, List<Map<String, String>> roots) {
        this.json = json;
        this.roots = List.copyOf(roots);
    }

    void attach(StdioChild child) {
        this.child = child;
    }

    /** Sends a client request and waits for the child's response (with the client's id restored). */
    ObjectNode request(ObjectNode message, Duration timeout) throws BridgeException {
        JsonNode clientId = message.get("id");
        long bridgeId = nextId.getAndIncrement();
        ObjectNode forwarded = message.deepCopy();
        forwarded.put("id", bridgeId);
        if ("initialize".equals(message.path("method").asText())
                && forwarded.path("params").path("capabilities") instanceof ObjectNode capabilities) {
            capabilities.remove("roots");
        }
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        pending.put(bridgeId, answer);
        try {
            send(forwarded);
            ObjectNode response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            response.set("id", clientId);
            return response;
        } catch (TimeoutException e) {
            throw new BridgeException(
                    504,
                    "the stdio MCP server did not answer "
                            + message.path("method").asText() + " within " + timeout);
        } catch (ExecutionException e) {
            throw new BridgeException(502, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BridgeException(503, "interrupted");
        } finally {
            pending.remove(bridgeId);
        }
    }

    /** Passes a client notification or a client response (to a server-initiated request) to the child. */
    void forward(ObjectNode message) throws BridgeException {
        send(message);
    }

    /** Opens the single server-to-client stream; null if one is already open. */
    BlockingQueue<JsonNode> openClientStream() {
        BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>(1000);
        return clientStream.compareAndSet(null, queue) ? queue : null;
    }

    void closeClientStream(BlockingQueue<JsonNode> queue) {
        clientStream.compareAndSet(queue, null);
    }

    /** Called for every message the child prints. */
    void fromChild(JsonNode message) {
        boolean isResponse =
                message.has("id") && (message.has("result") || message.has("error")) && !message.has("method");
        if (isResponse) {
            CompletableFuture<ObjectNode> answer =
                    pending.get(message.path("id").asLong(-1));
            if (answer != null) {
                answer.complete((ObjectNode) message);
            } else {
                log.debug("response from the stdio MCP server for unknown id; dropped");
            }
            return;
        }
        BlockingQueue<JsonNode> stream = clientStream.get();
        if (stream != null && stream.offer(message)) {
            return;
        }
        if (message.has("id") && message.has("method")) {
            answerInPlaceOfClient((ObjectNode) message);
        } else {
            log.debug(
                    "notification {} from the stdio MCP server dropped: no client stream open",
                    message.path("method").asText());
        }
    }

    void childExited() {
        childGone = true;
        pending.values()
                .forEach(f -> f.completeExceptionally(new IllegalStateException("the stdio MCP server exited")));
    }

    private void answerInPlaceOfClient(ObjectNode request) {
        String method = request.path("method").asText();
        ObjectNode response = json.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", request.get("id"));
        switch (method) {
            case "ping" -> response.putObject("result");
            case "roots/list" -> response.putObject("result").set("roots", json.valueToTree(roots));
            default ->
                response.putObject("error")
                        .put("code", NO_CLIENT_STREAM)
                        .put("message", "no client stream is open to deliver " + method);
        }
        try {
            send(response);
        } catch (BridgeException e) {
            log.debug("cannot answer {} for the client: {}", method, e.getMessage());
        }
    }

    private void send(ObjectNode message) throws BridgeException {
        StdioChild current = child;
        if (current == null || childGone || !current.isAlive()) {
            throw new BridgeException(502, "the stdio MCP server is not running");
        }
        try {
            current.send(json.writeValueAsBytes(message));
        } catch (IOException e) {
            throw new BridgeException(502, "cannot write to the stdio MCP server: " + e.getMessage());
        }
    }

    /** A message the bridge cannot relay; {@code status} is the HTTP status to answer with. */
    static final class BridgeException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        BridgeException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
