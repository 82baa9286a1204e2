package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Enforce decisions or only log them (shadow). */
public enum PolicyMode {
    ENFORCE("enforce"),
    SHADOW("shadow");

    private final String wire;

    PolicyMode(String wire) {
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
