package io.gatehouse.dataplane.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One decoded client-to-server JSON-RPC message, with the fields policy needs already extracted.
 *
 * @param kind request, notification or response
 * @param id the request/response id as JSON text ({@code "7"} or {@code "\"abc\""}), null for
 *     notifications
 * @param method the method, null for responses
 * @param toolName {@code params.name} of {@code tools/call}, else null
 * @param arguments {@code params.arguments} of {@code tools/call} / {@code prompts/get}, else null
 * @param resourceUri {@code params.uri} of {@code resources/*}, else null
 * @param promptName {@code params.name} of {@code prompts/get}, else null
 * @param body the whole message
 * @param raw the exact bytes received (forwarded unchanged)
 */
public record JsonRpcMessage(
        Kind kind,
        String id,
        String method,
        String toolName,
        JsonNode arguments,
        String resourceUri,
        String promptName,
        ObjectNode body,
        byte[] raw) {

    public enum Kind {
        REQUEST,
        NOTIFICATION,
        RESPONSE
    }

    public JsonRpcMessage {
        requireNonNull(kind, "kind");
        requireNonNull(body, "body");
        requireNonNull(raw, "raw");
    }

    public boolean isRequest(String name) {
        return kind == Kind.REQUEST && name.equals(method);
    }

    /** The JSON-RPC id node, or null. */
    public JsonNode idNode() {
        return body.get("id");
    }

    /** The value {@code Mcp-Name} must mirror for this method (2026-07-28), or null. */
    public String mirroredName() {
        if (toolName != null) {
            return toolName;
        }
        if (promptName != null) {
            return promptName;
        }
        return "resources/read".equals(method) ? resourceUri : null;
    }
}
