package io.gatehouse.protocol.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one managed MCP server announced to an agent in {@code tools/list}: every well-formed tool in its
 * canonical form, with its fingerprint and the poisoning-scan findings of the agent's engine. Sent on
 * {@link PulsarTopics#status()} with {@code gatehouse-type: discovered-tools} ({@link StatusMessages}), key = agent
 * id. The control plane recomputes every fingerprint from {@code definition} and stores the list as the server's
 * discovered tools, so {@code GET /api/v1/servers/{id}/tools} shows it against the pins.
 *
 * @param agentId the reporting agent
 * @param groupId its data-plane group
 * @param serverId the server's registry id (the bundle's {@code McpServer.id})
 * @param bundleVersion the bundle version in force when the list was checked
 * @param tools the complete list (at most {@link #MAX_TOOLS}), sorted by name
 * @param at when the list was checked
 */
public record DiscoveredTools(
        String agentId, String groupId, String serverId, long bundleVersion, List<Tool> tools, Instant at) {

    /** Most tools one message carries; a longer list is not reported (the agent logs why). */
    public static final int MAX_TOOLS = 1000;

    /** Largest encoded message; a larger list is not reported (the agent logs why). */
    public static final int MAX_BYTES = 1 << 20;

    public DiscoveredTools {
        Objects.requireNonNull(tools, "tools");
        tools = List.copyOf(tools);
    }

    /**
     * One announced tool.
     *
     * @param name the tool name
     * @param fingerprint {@code ToolFingerprint.of(definition)} as the agent computed it
     * @param definition the canonical definition ({@code ToolDefinition.toJson()})
     * @param findings poisoning-scan findings of the definition (may be empty)
     */
    public record Tool(String name, String fingerprint, JsonNode definition, List<Finding> findings) {
        public Tool {
            findings = findings == null ? List.of() : List.copyOf(findings);
        }
    }

    /**
     * A poisoning-scan finding.
     *
     * @param id the stable finding id (e.g. {@code INSTRUCTION_OVERRIDE})
     * @param severity LOW / MEDIUM / HIGH
     * @param action FLAG or BLOCK
     * @param pointer JSON pointer into the definition
     */
    public record Finding(String id, String severity, String action, String pointer) {}
}
