package io.gatehouse.dataplane.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.dataplane.bundle.Route;
import java.util.Iterator;

/**
 * Step 10: a {@code tools/list} result shows only the tools the caller may call (scopes, unbound
 * policy, kill switches). Denied names never leave the gateway; after
 * {@code notifications/tools/list_changed} the client's re-fetch is filtered the same way.
 */
public final class ToolListFilter implements ResponseFilter {

    @Override
    public boolean appliesTo(McpExchange exchange, boolean answersToolList) {
        return answersToolList;
    }

    @Override
    public boolean apply(McpExchange exchange, ObjectNode message, boolean answersToolList) {
        if (!answersToolList) {
            return false;
        }
        JsonNode result = message.get("result");
        JsonNode tools = result == null ? null : result.get("tools");
        if (!(tools instanceof ArrayNode list)) {
            return false;
        }
        Route route = exchange.route();
        boolean changed = false;
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
            JsonNode tool = it.next();
            JsonNode name = tool.get("name");
            if (name == null || !name.isTextual() || !route.mayCall(exchange.effectiveScopes(), name.asText())) {
                it.remove();
                changed = true;
            }
        }
        return changed;
    }
}
