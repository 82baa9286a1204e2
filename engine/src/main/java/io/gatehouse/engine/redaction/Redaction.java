package io.gatehouse.engine.redaction;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.protocol.bundle.RedactionRule.Action;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of redacting a JSON value.
 *
 * @param value the rewritten tree (the input instance itself when nothing matched; the input is never modified)
 * @param findings what was redacted, in document order
 * @param blocked whether a {@code block} rule matched: the caller must refuse the call or withhold the result
 */
public record Redaction(JsonNode value, List<Finding> findings, boolean blocked) {

    /** Stable error key for a call refused or a result withheld by a {@code block} rule. */
    public static final String BLOCKED_ERROR = "REDACTION_BLOCKED";

    public Redaction {
        requireNonNull(value, "value");
        findings = List.copyOf(findings);
    }

    /** Whether anything was redacted. */
    public boolean changed() {
        return !findings.isEmpty();
    }

    /** The first finding of a {@code block} rule, if any. */
    public Optional<Finding> blocking() {
        return firstBlock(findings);
    }

    /** The client-facing reason when blocked, e.g. {@code blocked by redaction rule no-keys (jwt at /token)}. */
    public Optional<String> blockMessage() {
        return blocking().map(Redaction::message);
    }

    static String message(Finding f) {
        return "blocked by redaction rule " + f.ruleId() + " (" + f.detector() + " at "
                + (f.pointer().isEmpty() ? "/" : f.pointer()) + (f.key() ? " member name" : "") + ")";
    }

    static Optional<Finding> firstBlock(List<Finding> findings) {
        return findings.stream().filter(f -> f.action() == Action.BLOCK).findFirst();
    }
}
