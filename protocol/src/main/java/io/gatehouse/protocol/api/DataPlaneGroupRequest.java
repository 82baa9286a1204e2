package io.gatehouse.protocol.api;

/** {@code POST|PUT /api/v1/data-plane-groups}. */
public record DataPlaneGroupRequest(String name, String description) {}
