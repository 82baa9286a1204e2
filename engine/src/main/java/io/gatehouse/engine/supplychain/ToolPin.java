package io.gatehouse.engine.supplychain;

import io.gatehouse.protocol.tools.ToolFingerprint;
import java.util.Objects;

/**
 * An admin-approved tool: its name and the fingerprint of the definition that was approved.
 *
 * @param name tool name as the server announces it
 * @param fingerprint {@link ToolFingerprint} of the approved definition
 */
public record ToolPin(String name, ToolFingerprint fingerprint) {

    public ToolPin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("tool pin name: empty (expected: the tool's name)");
        }
    }

    /** Pin from the bundle's string form; the fingerprint is validated. */
    public static ToolPin of(String name, String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return new ToolPin(name, ToolFingerprint.parse(fingerprint));
    }
}
