package io.gatehouse.engine.redaction;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of redacting text (an SSE {@code data:} payload that is not JSON, or a serialized one).
 *
 * @param text the rewritten text (the input instance when nothing matched)
 * @param findings what was redacted, in order
 * @param blocked whether a {@code block} rule matched
 */
public record TextRedaction(String text, List<Finding> findings, boolean blocked) {
    public TextRedaction {
        requireNonNull(text, "text");
        findings = List.copyOf(findings);
    }

    public boolean changed() {
        return !findings.isEmpty();
    }

    public Optional<Finding> blocking() {
        return Redaction.firstBlock(findings);
    }

    /** The client-facing reason when blocked; see {@link Redaction#blockMessage()}. */
    public Optional<String> blockMessage() {
        return blocking().map(Redaction::message);
    }
}
