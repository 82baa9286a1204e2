package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a discovered tool compares with the server's pins. */
public enum ToolPinState {
    /** Pinned, and the discovered definition has the pinned fingerprint. */
    PINNED("pinned"),
    /** Pinned, but the discovered definition differs: hidden on the data plane until approved. */
    CHANGED("changed"),
    /** Not pinned: hidden on the data plane until approved. */
    NEW("new");

    private final String wire;

    ToolPinState(String wire) {
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
