package io.gatehouse.protocol.api;

import java.time.Instant;

/** A group of data-plane agents sharing one bundle. */
public record DataPlaneGroup(
        String id, String name, String description, long version, Instant createdAt, Instant updatedAt)
        implements Versioned {}
