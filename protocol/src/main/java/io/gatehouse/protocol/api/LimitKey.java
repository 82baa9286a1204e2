package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a rate limit counts by. */
public enum LimitKey {
    TENANT("tenant"),
    PRINCIPAL("principal"),
    CLIENT("client"),
    SERVER("server"),
    TOOL("tool");

    private final String wire;

    LimitKey(String wire) {
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
