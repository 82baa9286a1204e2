package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which side of a tool call a redaction rule inspects. */
public enum Direction {
    REQUEST("request"),
    RESPONSE("response"),
    BOTH("both");

    private final String wire;

    Direction(String wire) {
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
