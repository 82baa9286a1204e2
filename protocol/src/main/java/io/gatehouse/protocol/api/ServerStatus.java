package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Registry status of an MCP server; only approved servers are routed by the data plane. */
public enum ServerStatus {
    PENDING("pending"),
    APPROVED("approved"),
    BLOCKED("blocked");

    private final String wire;

    ServerStatus(String wire) {
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
