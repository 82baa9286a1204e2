package io.gatehouse.dataplane.audit;

import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.mcp.JsonRpcMessage;
import io.gatehouse.dataplane.pipeline.McpExchange;
import java.time.Instant;

/**
 * One audit record per request. Never contains tokens, session ids or bodies.
 *
 * @param time when the request completed
 * @param requestId the gateway's id of the request
 * @param tenantId tenant of the bundle in force, or empty
 * @param bundleVersion version of the bundle in force, or 0
 * @param route the route slug, or empty when none matched
 * @param subject the principal's subject, or empty when unauthenticated
 * @param issuer the principal's issuer, or empty
 * @param clientId the OAuth client, or empty
 * @param httpMethod GET, POST or DELETE
 * @param method the JSON-RPC method, or empty
 * @param tool the tool of {@code tools/call}, or empty
 * @param resourceUri the resource of {@code resources/*}, or empty
 * @param prompt the prompt of {@code prompts/get}, or empty
 * @param decision allow, deny or error
 * @param reason the stable error key of a denial or error, else empty
 * @param status the HTTP status sent
 * @param latencyMillis time from receipt to completion (for a stream: its end)
 */
public record AuditRecord(
        Instant time,
        String requestId,
        String tenantId,
        long bundleVersion,
        String route,
        String subject,
        String issuer,
        String clientId,
        String httpMethod,
        String method,
        String tool,
        String resourceUri,
        String prompt,
        String decision,
        String reason,
        int status,
        double latencyMillis) {

    public static AuditRecord of(McpExchange exchange, int status, long nanos, Instant now) {
        Principal principal = exchange.principal();
        JsonRpcMessage message = exchange.message();
        return new AuditRecord(
                now,
                exchange.requestId(),
                exchange.bundle() == null ? "" : exchange.bundle().metadata().tenantId(),
                exchange.bundle() == null ? 0 : exchange.bundle().metadata().version(),
                exchange.route() == null ? "" : exchange.route().slug(),
                principal == null ? "" : principal.subject(),
                principal == null ? "" : principal.issuer(),
                principal == null ? "" : principal.clientId(),
                exchange.httpMethod(),
                message == null || message.method() == null ? "" : message.method(),
                message == null || message.toolName() == null ? "" : message.toolName(),
                message == null || message.resourceUri() == null ? "" : message.resourceUri(),
                message == null || message.promptName() == null ? "" : message.promptName(),
                exchange.decision().label(),
                exchange.reason(),
                status,
                nanos / 1_000_000.0);
    }

    /** The method label for metrics: the JSON-RPC method, else the HTTP method. */
    public String methodLabel() {
        return method.isEmpty() ? httpMethod : method;
    }
}
