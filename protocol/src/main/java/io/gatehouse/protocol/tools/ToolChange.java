package io.gatehouse.protocol.tools;

import java.util.List;
import java.util.Objects;

/**
 * How one tool differs from its approved version.
 *
 * @param name the tool name (the new one if it was renamed in a one-to-one comparison)
 * @param oldFingerprint fingerprint of the approved definition
 * @param newFingerprint fingerprint of the announced definition
 * @param fields every differing leaf of the pinned fields, in pointer order; empty when the fingerprints match
 */
public record ToolChange(
        String name, ToolFingerprint oldFingerprint, ToolFingerprint newFingerprint, List<FieldChange> fields) {

    public ToolChange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(oldFingerprint, "oldFingerprint");
        Objects.requireNonNull(newFingerprint, "newFingerprint");
        fields = List.copyOf(fields);
    }

    /** True when nothing pinned differs. */
    public boolean isUnchanged() {
        return fields.isEmpty();
    }

    /** Human-readable block: a header line, then one line per field change. */
    public String describe() {
        StringBuilder out = new StringBuilder("changed tool '")
                .append(name)
                .append("' (")
                .append(oldFingerprint)
                .append(" -> ")
                .append(newFingerprint)
                .append(")");
        for (FieldChange field : fields) {
            out.append("\n  ").append(field.describe());
        }
        return out.toString();
    }
}
