package io.gatehouse.dataplane.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites one server-to-client JSON-RPC message in place (tools/list filtering; the redaction seam).
 * Called for a JSON response body and for every SSE event, one event at a time.
 */
@FunctionalInterface
public interface ResponseFilter {

    /** Changes nothing: the seam for response redaction until its issue is built. */
    ResponseFilter NONE = (exchange, message, answersToolList) -> false;

    /**
     * @param answersToolList true when the message is the response to a {@code tools/list}
     * @return true when the message was modified
     */
    boolean apply(McpExchange exchange, ObjectNode message, boolean answersToolList);
}
