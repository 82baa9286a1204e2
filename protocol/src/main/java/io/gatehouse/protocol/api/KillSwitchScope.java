package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a kill switch stops. */
public enum KillSwitchScope {
    TENANT("tenant"),
    SERVER("server"),
    TOOL("tool");

    private final String wire;

    KillSwitchScope(String wire) {
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
