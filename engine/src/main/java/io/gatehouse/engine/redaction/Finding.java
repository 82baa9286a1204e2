package io.gatehouse.engine.redaction;

import static java.util.Objects.requireNonNull;

import io.gatehouse.protocol.bundle.RedactionRule.Action;

/**
 * One redacted value. Never carries the value itself.
 *
 * @param ruleId the rule that matched
 * @param detector the built-in detector id, or {@code pattern:<ruleId>} for a tenant pattern
 * @param pointer RFC 6901 JSON pointer of the string holding the value ({@code ""} for the root or plain text);
 *     member names in it are themselves redacted
 * @param key whether the value was found in a member name rather than a string value
 * @param action what was done
 */
public record Finding(String ruleId, String detector, String pointer, boolean key, Action action) {
    public Finding {
        requireNonNull(ruleId, "ruleId");
        requireNonNull(detector, "detector");
        requireNonNull(pointer, "pointer");
        requireNonNull(action, "action");
    }
}
