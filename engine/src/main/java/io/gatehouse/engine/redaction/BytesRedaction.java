package io.gatehouse.engine.redaction;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of {@link Redactor#redactBytes}.
 *
 * @param json the redacted JSON (UTF-8); the input array itself when nothing matched
 * @param findings what was redacted, in document order
 * @param blocked whether a {@code block} rule matched: the caller must refuse the call or withhold the result
 */
public record BytesRedaction(byte[] json, List<Finding> findings, boolean blocked) {

    public BytesRedaction {
        requireNonNull(json, "json");
        findings = List.copyOf(findings);
    }

    /** Whether anything was redacted. */
    public boolean changed() {
        return !findings.isEmpty();
    }
}
