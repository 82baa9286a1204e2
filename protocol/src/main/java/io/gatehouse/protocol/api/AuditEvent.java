package io.gatehouse.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One audited call as stored by the control plane ({@code GET /api/v1/audit/events}).
 *
 * @param id the event id (opaque, for {@code GET /api/v1/audit/events/{id}})
 * @param recordId the record id the agent assigned (unique per agent)
 * @param agentId the data plane that recorded the call
 * @param epoch WAL epoch of the batch that carried it
 * @param seq seq of that batch
 * @param principal the caller's {@code sub}, or null when unauthenticated
 * @param redactedArguments arguments after redaction, or null
 * @param decision ALLOW, DENY or SHADOW_DENY
 * @param upstreamStatus upstream HTTP status, or null when not forwarded
 */
public record AuditEvent(
        String id,
        Instant time,
        String recordId,
        String agentId,
        long epoch,
        long seq,
        String principal,
        String issuer,
        String clientId,
        String server,
        String method,
        String tool,
        String argumentDigest,
        JsonNode redactedArguments,
        String decision,
        String ruleId,
        String reason,
        long bundleVersion,
        long latencyMicros,
        Integer upstreamStatus,
        List<AuditFinding> findings) {

    public AuditEvent {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
