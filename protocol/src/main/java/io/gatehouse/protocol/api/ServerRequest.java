package io.gatehouse.protocol.api;

import java.util.List;
import java.util.Map;

/** {@code POST|PUT /api/v1/servers}; {@code slug} defaults to one derived from {@code name}, {@code status} to pending. */
public record ServerRequest(
        String name,
        String slug,
        String upstreamUrl,
        Transport transport,
        UpstreamAuth upstreamAuth,
        List<String> allowedOrigins,
        ServerStatus status,
        Map<String, String> labels) {}
