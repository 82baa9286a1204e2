package io.gatehouse.protocol.api;

import java.util.List;

/** {@code POST|PUT /api/v1/tool-bindings}: tools of a server matching {@code toolPattern} (a glob) need {@code requiredScopes}. */
public record ToolBindingRequest(
        String serverId, String toolPattern, List<String> requiredScopes, Risk risk, List<String> guardedArguments) {}
