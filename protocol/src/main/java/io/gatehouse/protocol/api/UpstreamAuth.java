package io.gatehouse.protocol.api;

import java.util.List;

/** Upstream credential the data plane injects; {@code secretRef} names a secret in the customer network ({@code env:NAME}, {@code file:/path}, {@code vault:path#key}, {@code k8s:ns/name#key}). */
public record UpstreamAuth(
        UpstreamAuthType type,
        String secretRef,
        String header,
        String tokenUrl,
        String clientId,
        List<String> scopes) {}
