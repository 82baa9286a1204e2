package io.gatehouse.protocol.api;

import java.time.Instant;
import java.util.List;

/** A contextual policy: ordered rules in enforce or shadow mode. */
public record Policy(
        String id,
        String name,
        String description,
        int priority,
        PolicyMode mode,
        boolean enabled,
        List<PolicyRule> rules,
        long version,
        Instant createdAt,
        Instant updatedAt)
        implements Versioned {}
