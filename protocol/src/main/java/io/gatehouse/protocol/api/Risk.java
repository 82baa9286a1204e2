package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Risk class of a tool. */
public enum Risk {
    READ("read"),
    WRITE("write"),
    DESTRUCTIVE("destructive");

    private final String wire;

    Risk(String wire) {
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
