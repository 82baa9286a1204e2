package io.gatehouse.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/servers/{id}/tools}: discovered against pinned tools.
 *
 * @param serverId the server
 * @param status the server's registry status (only {@code approved} servers are routed)
 * @param discovered the tools the server last announced (reported with {@code PUT}), by name
 * @param pinned the approved tools, by name
 * @param diff pinned (old) against discovered (new): {@code {"added":[…],"removed":[…],"changed":[{name,
 *     oldFingerprint,newFingerprint,fields:[{pointer,kind,old,new}]}]}}
 * @param reportedAt when the discovered set was last reported, or null
 * @param approvedAt when the pins were last approved, or null
 */
public record ServerTools(
        String serverId,
        ServerStatus status,
        List<DiscoveredTool> discovered,
        List<PinnedTool> pinned,
        JsonNode diff,
        Instant reportedAt,
        Instant approvedAt) {}
