package io.gatehouse.protocol.api;

/** {@code POST /api/v1/kill-switches}: {@code serverId} for server and tool scope, {@code tool} for tool scope. */
public record KillSwitchRequest(KillSwitchScope scope, String serverId, String tool, String reason) {}
