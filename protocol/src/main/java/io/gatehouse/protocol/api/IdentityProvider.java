package io.gatehouse.protocol.api;

import java.time.Instant;

/** An issuer the data planes trust for MCP clients. */
public record IdentityProvider(
        String id,
        String name,
        String issuer,
        String discoveryUri,
        String jwksUri,
        String audience,
        ClaimMappings claims,
        Introspection introspection,
        long version,
        Instant createdAt,
        Instant updatedAt)
        implements Versioned {}
