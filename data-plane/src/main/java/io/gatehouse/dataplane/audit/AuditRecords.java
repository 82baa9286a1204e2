package io.gatehouse.dataplane.audit;

import io.gatehouse.protocol.audit.Decision;
import io.gatehouse.protocol.audit.Principal;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/** Maps the request path's {@link AuditRecord} to the shipped {@link io.gatehouse.protocol.audit.AuditRecord}. */
final class AuditRecords {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private AuditRecords() {}

    /**
     * @param id the record id (unique per agent); the caller makes it unique within a batch
     */
    static io.gatehouse.protocol.audit.AuditRecord toProtocol(
            AuditRecord call, String tenant, String agentId, String id) {
        long latencyMicros = Math.max(0, Math.round(call.latencyMillis() * 1000));
        Instant completed = call.time();
        Instant arrived = completed.minusNanos(latencyMicros * 1000);
        Decision decision = switch (call.decision()) {
            case "deny" -> Decision.DENY;
            case "shadow_deny" -> Decision.SHADOW_DENY;
            default -> Decision.ALLOW; // allow, and errors after the gateway let the call through
        };
        Principal principal = call.subject().isEmpty() || call.issuer().isEmpty()
                ? null
                : new Principal(call.subject(), call.issuer(), call.clientId().isEmpty() ? null : call.clientId());
        String method =
                !call.method().isEmpty() ? call.method() : call.httpMethod().isEmpty() ? "-" : call.httpMethod();
        Integer upstreamStatus =
                decision != Decision.DENY && call.status() >= 100 && call.status() <= 599 ? call.status() : null;
        return new io.gatehouse.protocol.audit.AuditRecord(
                id,
                arrived,
                tenant,
                agentId,
                principal,
                call.route().isEmpty() ? "-" : call.route(),
                method,
                call.tool().isEmpty() ? (call.prompt().isEmpty() ? null : call.prompt()) : call.tool(),
                call.argumentDigest().isEmpty() ? null : call.argumentDigest(),
                call.redactedArguments() != null && call.redactedArguments().isObject()
                        ? call.redactedArguments()
                        : null,
                decision,
                call.ruleId().isEmpty() ? null : call.ruleId(),
                reasonKey(call.reason(), decision),
                Math.max(0, call.bundleVersion()),
                latencyMicros,
                upstreamStatus,
                call.findings());
    }

    /** A record id the protocol accepts: the request id when it fits, else a derived one. */
    static String recordId(String requestId, long fallback) {
        if (requestId != null && ID.matcher(requestId).matches()) {
            return requestId;
        }
        return "r" + Long.toHexString(fallback);
    }

    /** The stable UPPER_SNAKE reason; an empty reason is {@code ALLOWED} / {@code DENIED}. */
    static String reasonKey(String reason, Decision decision) {
        if (reason == null || reason.isEmpty()) {
            return decision == Decision.DENY ? "DENIED" : "ALLOWED";
        }
        if (KEY.matcher(reason).matches()) {
            return reason;
        }
        String key = reason.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        if (key.isEmpty() || !Character.isLetter(key.charAt(0))) {
            key = "R_" + key;
        }
        return key.length() > 64 ? key.substring(0, 64) : key;
    }
}
