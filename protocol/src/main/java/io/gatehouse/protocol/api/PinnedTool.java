package io.gatehouse.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An approved tool: the data plane shows and forwards it while the server announces this fingerprint.
 *
 * @param approvedBy the user id of the approving member (or the API token's owner)
 */
public record PinnedTool(String name, String fingerprint, JsonNode definition, Instant approvedAt, String approvedBy) {}
