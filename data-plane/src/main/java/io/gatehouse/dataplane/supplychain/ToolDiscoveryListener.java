package io.gatehouse.dataplane.supplychain;

import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.tools.ToolDefinition;
import java.util.List;

/** Told every tool list the agent checked for a server (client {@code tools/list} or its own fetch). */
@FunctionalInterface
public interface ToolDiscoveryListener {

    /**
     * @param server the server as the bundle in force defines it
     * @param tools the well-formed tools it announced, in its order; must not block
     */
    void announced(McpServer server, List<ToolDefinition> tools);
}
