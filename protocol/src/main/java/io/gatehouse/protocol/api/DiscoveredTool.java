package io.gatehouse.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A tool as the server last announced it.
 *
 * @param name the tool name
 * @param fingerprint {@code sha256:…} of the definition's pinned fields (what approving pins)
 * @param state how it compares with the pins
 * @param definition the reported definition
 * @param findings what the poisoning scan found in it
 */
public record DiscoveredTool(
        String name, String fingerprint, ToolPinState state, JsonNode definition, List<ToolFinding> findings) {}
