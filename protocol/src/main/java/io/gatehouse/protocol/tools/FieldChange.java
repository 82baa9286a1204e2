package io.gatehouse.protocol.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.protocol.signing.CanonicalJson;
import java.util.Objects;

/**
 * One difference between two versions of a tool's pinned fields.
 *
 * @param pointer RFC 6901 pointer into the pinned-fields object, e.g. {@code /description} or
 *     {@code /inputSchema/properties/path/description}
 * @param kind whether the value was added, removed or changed
 * @param oldValue the approved value, or null when added
 * @param newValue the announced value, or null when removed
 */
public record FieldChange(String pointer, Kind kind, JsonNode oldValue, JsonNode newValue) {

    /** What happened at {@link #pointer}. */
    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    public FieldChange {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.ADDED) != (oldValue == null) || (kind == Kind.REMOVED) != (newValue == null)) {
            throw new IllegalArgumentException(pointer + ": " + kind + " with old=" + (oldValue != null) + ", new="
                    + (newValue != null) + " (expected: old absent only for ADDED, new absent only for REMOVED)");
        }
        oldValue = oldValue == null ? null : oldValue.deepCopy();
        newValue = newValue == null ? null : newValue.deepCopy();
    }

    /** One line for people: {@code ~ /description: "old" -> "new"}. */
    public String describe() {
        return switch (kind) {
            case ADDED -> "+ " + pointer + ": " + CanonicalJson.string(newValue);
            case REMOVED -> "- " + pointer + ": " + CanonicalJson.string(oldValue);
            case CHANGED ->
                "~ " + pointer + ": " + CanonicalJson.string(oldValue) + " -> " + CanonicalJson.string(newValue);
        };
    }
}
