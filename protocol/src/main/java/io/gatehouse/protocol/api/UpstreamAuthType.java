package io.gatehouse.protocol.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the data plane authenticates to the upstream MCP server; secrets are referenced, never stored. */
public enum UpstreamAuthType {
    NONE("none"),
    API_KEY("api-key"),
    BEARER("bearer"),
    OAUTH2_CLIENT_CREDENTIALS("oauth2-client-credentials"),
    TOKEN_EXCHANGE("token-exchange");

    private final String wire;

    UpstreamAuthType(String wire) {
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
