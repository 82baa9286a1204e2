package io.gatehouse.protocol.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A registered MCP server. */
public record Server(
        String id,
        String name,
        String slug,
        String upstreamUrl,
        Transport transport,
        UpstreamAuth upstreamAuth,
        List<String> allowedOrigins,
        ServerStatus status,
        Map<String, String> labels,
        long version,
        Instant createdAt,
        Instant updatedAt)
        implements Versioned {}
