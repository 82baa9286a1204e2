package io.gatehouse.protocol.api;

import java.time.Instant;

/**
 * A group of data-plane agents sharing one bundle; {@code publicBaseUrl} is where its data planes are reachable
 * (route resource URIs are {@code {publicBaseUrl}/mcp/{slug}}), null for the control plane's default.
 */
public record DataPlaneGroup(
        String id,
        String name,
        String description,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String publicBaseUrl)
        implements Versioned {

    public DataPlaneGroup(
            String id, String name, String description, long version, Instant createdAt, Instant updatedAt) {
        this(id, name, description, version, createdAt, updatedAt, null);
    }
}
