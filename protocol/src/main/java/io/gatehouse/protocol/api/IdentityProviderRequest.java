package io.gatehouse.protocol.api;

/** {@code POST|PUT /api/v1/identity-providers}: exactly one of {@code discoveryUri} and {@code jwksUri}. */
public record IdentityProviderRequest(
        String name,
        String issuer,
        String discoveryUri,
        String jwksUri,
        String audience,
        ClaimMappings claims,
        Introspection introspection) {}
