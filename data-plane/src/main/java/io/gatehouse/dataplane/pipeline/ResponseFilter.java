package io.gatehouse.dataplane.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites one server-to-client JSON-RPC message in place (tools/list filtering; the redaction seam).
 * Called for a JSON response body and for every SSE event, one event at a time.
 */
@FunctionalInterface
public interface ResponseFilter {

    /** Changes nothing and needs no parsing: the seam for response redaction until its issue is built. */
    ResponseFilter NONE = new ResponseFilter() {
        @Override
        public boolean appliesTo(McpExchange exchange, boolean answersToolList) {
            return false;
        }

        @Override
        public boolean apply(McpExchange exchange, ObjectNode message, boolean answersToolList) {
            return false;
        }
    };

    /**
     * Whether this filter may change messages of this exchange; when no filter applies the relay
     * passes bytes through without parsing them. {@code answersToolList} is true when the message may
     * be the response to a {@code tools/list}.
     */
    default boolean appliesTo(McpExchange exchange, boolean answersToolList) {
        return true;
    }

    /**
     * @param answersToolList true when the message is the response to a {@code tools/list}
     * @return true when the message was modified
     */
    boolean apply(McpExchange exchange, ObjectNode message, boolean answersToolList);

    /**
     * Rewrites the data of an SSE event that is not a JSON object (not an MCP message; passed through
     * otherwise). Returns {@code data} itself when nothing changed.
     */
    default String applyToText(McpExchange exchange, String data) {
        return data;
    }
}
