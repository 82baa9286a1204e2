package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Effect of a policy rule. */
public enum Effect {
    ALLOW("allow"),
    DENY("deny");

    private final String wire;

    Effect(String wire) {
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
