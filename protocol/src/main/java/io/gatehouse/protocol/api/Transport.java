package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the data plane talks to an MCP server. */
public enum Transport {
    STREAMABLE_HTTP("streamable-http"),
    SSE("sse");

    private final String wire;

    Transport(String wire) {
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
