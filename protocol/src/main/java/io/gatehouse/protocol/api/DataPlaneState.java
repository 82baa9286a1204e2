package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Liveness of an enrolled agent as the control plane sees it. */
public enum DataPlaneState {
    /** Enrolled, but no status message received yet. */
    PENDING("pending"),
    /** A status message arrived within the offline threshold. */
    ONLINE("online"),
    /** Silent for longer than the offline threshold. */
    OFFLINE("offline"),
    /** Revoked: its status messages are ignored. */
    REVOKED("revoked");

    private final String wire;

    DataPlaneState(String wire) {
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
