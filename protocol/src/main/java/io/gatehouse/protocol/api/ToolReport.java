package io.gatehouse.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code PUT /api/v1/servers/{id}/tools}: the complete tool list a server announces (the {@code tools} of its
 * {@code tools/list} result); replaces the discovered set.
 */
public record ToolReport(List<JsonNode> tools) {}
