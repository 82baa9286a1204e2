package io.gatehouse.dataplane.ratelimit;

import java.util.Objects;

/**
 * Who calls what: the values a limit's {@code keyBy} dimensions are taken from.
 *
 * @param tenant the tenant of the bundle
 * @param principal the authenticated principal's subject
 * @param clientId the OAuth client id, or null when the token names none
 * @param serverId the MCP server the call is routed to
 * @param tool the tool of a {@code tools/call}, or null for any other method
 */
public record RateLimitContext(String tenant, String principal, String clientId, String serverId, String tool) {
    public RateLimitContext {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(serverId, "serverId");
    }
}
