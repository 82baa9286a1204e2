package io.gatehouse.protocol.audit;

import java.util.Objects;

/**
 * Something a protection noticed during the call.
 *
 * @param kind which protection
 * @param detector stable lower_snake id of the detector or rule (e.g. {@code email}, {@code tool_drift})
 * @param detail short human note without sensitive values, or {@code null}
 */
public record Finding(Kind kind, String detector, String detail) {

    /** The protection that produced a finding. */
    public enum Kind {
        REDACTION,
        SUPPLY_CHAIN,
        PROMPT_INJECTION
    }

    public Finding {
        Objects.requireNonNull(kind, "finding.kind");
        if (detector == null || !detector.matches("[a-z0-9][a-z0-9_.:-]{0,127}")) {
            throw new IllegalArgumentException(
                    "finding.detector: '" + detector + "' (expected: 1-128 of [a-z0-9_.:-])");
        }
        if (detail != null) {
            AuditJson.requireText("finding.detail", detail, 512);
        }
    }
}
