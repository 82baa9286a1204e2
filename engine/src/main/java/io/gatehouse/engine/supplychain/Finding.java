package io.gatehouse.engine.supplychain;

import java.util.Objects;

/**
 * One poisoning or injection finding. Carries where it was found, never the text itself (a finding goes to
 * audit and the control plane; the text may be attacker-controlled or sensitive).
 *
 * @param id stable finding id
 * @param severity how dangerous it is in this {@link ScanTarget}
 * @param action what the configured rule does about it
 * @param tool the tool whose definition or result was scanned
 * @param pointer RFC 6901 pointer to the string (or member name) inside the tool object or result
 */
public record Finding(FindingId id, Severity severity, ScanAction action, String tool, String pointer) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(pointer, "pointer");
    }
}
