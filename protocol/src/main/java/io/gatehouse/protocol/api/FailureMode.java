package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a rate limit does when its shared store is unreachable. */
public enum FailureMode {
    OPEN("open"),
    CLOSED("closed");

    private final String wire;

    FailureMode(String wire) {
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
