package io.gatehouse.protocol.api;

/** Optional RFC 7662 introspection; the client secret is a secret reference, never the secret. */
public record Introspection(String endpoint, String clientId, String clientSecretRef) {}
