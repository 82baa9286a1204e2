package io.gatehouse.protocol.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.protocol.signing.CanonicalJson;
import io.gatehouse.protocol.signing.Digests;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The record of one call through a data plane. Construction validates every field; optional fields are
 * {@code null} and are left out of the JSON form.
 *
 * @param id unique per agent (1-128 of {@code [A-Za-z0-9._:-]})
 * @param time when the call arrived
 * @param tenant tenant id
 * @param agentId the recording agent
 * @param principal caller, or {@code null} when the call was not authenticated
 * @param server route / registered MCP server name
 * @param method JSON-RPC method
 * @param tool tool name for {@code tools/call}, else {@code null}
 * @param argumentDigest SHA-256 (unpadded base64url) of the canonical JSON arguments, or {@code null} when
 *     the call had none; see {@link #digestArguments}
 * @param redactedArguments arguments after redaction (a JSON object), or {@code null}
 * @param decision allow, deny or shadow-deny
 * @param ruleId the deciding rule, or {@code null} when no rule matched
 * @param reason stable UPPER_SNAKE reason key
 * @param bundleVersion version of the bundle that decided, 0 if none was applied
 * @param latencyMicros gateway-observed latency in microseconds, ≥ 0
 * @param upstreamStatus upstream HTTP status (100-599), or {@code null} when not forwarded
 * @param findings redaction / supply-chain / injection findings, possibly empty
 */
public record AuditRecord(
        String id,
        Instant time,
        String tenant,
        String agentId,
        Principal principal,
        String server,
        String method,
        String tool,
        String argumentDigest,
        JsonNode redactedArguments,
        Decision decision,
        String ruleId,
        String reason,
        long bundleVersion,
        long latencyMicros,
        Integer upstreamStatus,
        List<Finding> findings) {

    /** Most findings one record may carry. */
    public static final int MAX_FINDINGS = 256;

    public AuditRecord {
        AuditJson.requirePattern("id", id, "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
        Objects.requireNonNull(time, "time");
        AuditJson.requireId("tenant", tenant);
        AuditJson.requireId("agentId", agentId);
        AuditJson.requireText("server", server, 256);
        AuditJson.requireText("method", method, 256);
        if (tool != null) {
            AuditJson.requireText("tool", tool, 256);
        }
        if (argumentDigest != null) {
            AuditJson.requirePattern("argumentDigest", argumentDigest, "[A-Za-z0-9_-]{43}");
        }
        if (redactedArguments != null) {
            if (!redactedArguments.isObject()) {
                throw new IllegalArgumentException(
                        "redactedArguments: expected a JSON object, found " + redactedArguments.getNodeType());
            }
            CanonicalJson.bytes(redactedArguments); // rejects what canonical JSON cannot carry
            redactedArguments = redactedArguments.deepCopy();
        }
        Objects.requireNonNull(decision, "decision");
        if (ruleId != null) {
            AuditJson.requireText("ruleId", ruleId, 256);
        }
        AuditJson.requireKey("reason", reason);
        AuditJson.requireRange("bundleVersion", bundleVersion, 0, CanonicalJson.MAX_SAFE_INTEGER);
        AuditJson.requireRange("latencyMicros", latencyMicros, 0, CanonicalJson.MAX_SAFE_INTEGER);
        if (upstreamStatus != null) {
            AuditJson.requireRange("upstreamStatus", upstreamStatus, 100, 599);
        }
        findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
        if (findings.size() > MAX_FINDINGS) {
            throw new IllegalArgumentException("findings: " + findings.size() + " (expected: <= " + MAX_FINDINGS + ")");
        }
    }

    @Override
    public JsonNode redactedArguments() {
        return redactedArguments == null ? null : redactedArguments.deepCopy();
    }

    /** The arguments without a defensive copy, for the canonical writer (never handed out). */
    JsonNode redactedArgumentsView() {
        return redactedArguments;
    }

    /** Canonical JSON bytes of {@link #toJson()}, written directly (no tree); what a batch carries for it. */
    public byte[] canonicalBytes() {
        StringBuilder out = new StringBuilder(512);
        AuditJson.writeCanonical(this, out);
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The JSON form (a new tree each call); its canonical bytes are what a batch carries for this record. */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        return AuditJson.write(this);
    }

    /** Reads the JSON form strictly (unknown members and nulls are errors), as {@link AuditBatch#fromJson} does. */
    public static AuditRecord fromJson(JsonNode node) {
        return AuditJson.readRecord(Objects.requireNonNull(node, "node"), "record");
    }

    /** The {@code argumentDigest} of raw tool arguments: SHA-256 of their canonical JSON, unpadded base64url. */
    public static String digestArguments(JsonNode arguments) {
        return Digests.sha256Base64Url(CanonicalJson.bytes(Objects.requireNonNull(arguments, "arguments")));
    }
}
