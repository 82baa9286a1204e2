package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Membership and API-token roles, from most to least privileged (auditor is read-only plus the activity log). */
public enum Role {
    OWNER("owner"),
    ADMIN("admin"),
    EDITOR("editor"),
    VIEWER("viewer"),
    AUDITOR("auditor");

    private final String wire;

    Role(String wire) {
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
