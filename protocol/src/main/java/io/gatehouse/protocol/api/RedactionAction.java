package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a redaction rule does with a match. */
public enum RedactionAction {
    MASK("mask"),
    HASH("hash"),
    BLOCK("block");

    private final String wire;

    RedactionAction(String wire) {
        this.wire = wire;
    }

    /** The value on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
