package io.gatehouse.protocol.api;

import java.util.List;

/**
 * {@code POST /api/v1/servers/{id}/tools:approve}: the reviewed set. It becomes the server's pins exactly
 * (a pinned tool left out is unpinned); every entry must match a discovered tool's current fingerprint, so
 * an approval never pins a definition the admin did not see.
 */
public record ToolApproval(List<ToolPinRef> tools) {}
