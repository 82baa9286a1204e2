package io.gatehouse.dataplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.protocol.audit.Finding;
import java.time.Instant;
import java.util.List;

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
 * @param argumentDigest SHA-256 of the canonical tool/prompt arguments (base64url), or empty
 * @param redactedArguments the arguments after redaction, or {@code null} when redaction did not produce them
 *     (raw arguments never go here)
 * @param ruleId the deciding policy rule, or empty
 * @param findings redaction / supply-chain / injection findings of the call (possibly empty)
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
        double latencyMillis,
        String argumentDigest,
        JsonNode redactedArguments,
        String ruleId,
        List<Finding> findings) {

    public AuditRecord {
        findings = findings == null ? List.of() : List.copyOf(findings);
        argumentDigest = argumentDigest == null ? "" : argumentDigest;
        ruleId = ruleId == null ? "" : ruleId;
    }

    /** The method label for metrics: the JSON-RPC method, else the HTTP method. */
    public String methodLabel() {
        return method.isEmpty() ? httpMethod : method;
    }
}
