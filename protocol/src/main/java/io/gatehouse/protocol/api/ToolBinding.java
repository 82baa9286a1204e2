package io.gatehouse.protocol.api;

import java.time.Instant;
import java.util.List;

/** Required scopes, risk and guarded arguments of the tools of a server matching a pattern. */
public record ToolBinding(
        String id,
        String serverId,
        String toolPattern,
        List<String> requiredScopes,
        Risk risk,
        List<String> guardedArguments,
        long version,
        Instant createdAt,
        Instant updatedAt)
        implements Versioned {}
