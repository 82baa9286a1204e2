package io.gatehouse.protocol.api;

import java.time.Instant;

/** An emergency stop; {@code DELETE} lifts it and it stays in the history. */
public record KillSwitch(
        String id,
        KillSwitchScope scope,
        String serverId,
        String tool,
        String reason,
        boolean active,
        String createdBy,
        Instant createdAt,
        String liftedBy,
        Instant liftedAt,
        long version)
        implements Versioned {}
