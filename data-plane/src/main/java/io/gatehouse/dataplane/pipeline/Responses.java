package io.gatehouse.dataplane.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes the proxy's own answers: JSON-RPC error objects with the stable error key in {@code data}. */
public final class Responses {

    static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {}

    /** Answers with the refusal and records it on the exchange (when there is one). */
    public static boolean refuse(Request request, Response response, Callback callback, Refusal refusal) {
        return refuse(request, response, callback, refusal, null);
    }

    /** As {@link #refuse(Request, Response, Callback, Refusal)}, answering to {@code id} when the message is not decoded. */
    static boolean refuse(Request request, Response response, Callback callback, Refusal refusal, JsonNode knownId) {
        Object exchange = request.getAttribute(McpExchange.ATTRIBUTE);
        JsonNode id = knownId;
        if (exchange instanceof McpExchange mcp) {
            mcp.outcome(
                    refusal.key().kind() == ErrorKey.Kind.DENY ? Decision.DENY : Decision.ERROR, refusal.auditReason());
            if (mcp.message() != null) {
                id = mcp.message().idNode();
            }
        }
        return refuse(response, callback, refusal, id);
    }

    static boolean refuse(Response response, Callback callback, Refusal refusal, JsonNode id) {
        ObjectNode body = JSON.createObjectNode();
        body.put("jsonrpc", "2.0");
        if (id == null) {
            body.putNull("id");
        } else {
            body.set("id", id);
        }
        ObjectNode error = body.putObject("error");
        error.put("code", refusal.key().jsonRpcCode());
        error.put("message", refusal.message());
        ObjectNode data = error.putObject("data");
        data.put("error", refusal.key().name());
        if (refusal.detail() != null) {
            data.put("reason", refusal.detail());
        }
        for (Map.Entry<String, Object> extra : refusal.data().entrySet()) {
            data.set(extra.getKey(), JSON.valueToTree(extra.getValue()));
        }
        response.setStatus(refusal.key().status());
        for (Map.Entry<String, String> header : refusal.headers().entrySet()) {
            response.getHeaders().put(header.getKey(), header.getValue());
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        writeJson(response, callback, body.toString());
        return true;
    }

    public static void writeJson(Response response, Callback callback, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
    }
}
