package io.gatehouse.controlplane.domain.registry;

import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.ToolPin;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What the bundle compiler puts into a server's bundle entry: its approval and its tool pins.
 *
 * @param serverId the server
 * @param status the registry status
 * @param toolPins the approved tools, sorted by name
 */
public record ServerPins(UUID serverId, ServerStatus status, List<ToolPin> toolPins) {

    public ServerPins {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(status, "status");
        toolPins = List.copyOf(toolPins);
    }

    /** The bundle's form of {@link #status()}. */
    public McpServer.Approval approval() {
        return switch (status) {
            case APPROVED -> McpServer.Approval.APPROVED;
            case PENDING -> McpServer.Approval.PENDING;
            case BLOCKED -> McpServer.Approval.BLOCKED;
        };
    }

    /** {@code server} with this approval and these pins (the compiler's one call per server). */
    public McpServer applyTo(McpServer server) {
        return server.withApproval(approval(), toolPins);
    }
}
