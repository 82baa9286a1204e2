package io.gatehouse.protocol.api;

import java.time.Instant;
import java.util.List;

/** A scope of the tenant's catalog. */
public record Scope(
        String id,
        String name,
        String description,
        List<String> implies,
        long version,
        Instant createdAt,
        Instant updatedAt)
        implements Versioned {}
