package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.ID;
import static io.gatehouse.protocol.bundle.Checks.matching;
import static io.gatehouse.protocol.bundle.Checks.required;
import static io.gatehouse.protocol.bundle.Checks.text;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An emergency stop for the whole tenant, one server, or one tool of a server.
 *
 * @param id stable id
 * @param scope tenant, server or tool
 * @param serverId the server (scope server and tool), else null
 * @param tool the tool name or glob (scope tool), else null
 * @param reason why it was engaged
 */
public record KillSwitch(String id, Scope scope, String serverId, String tool, String reason) {

    public enum Scope {
        @JsonProperty("tenant")
        TENANT,
        @JsonProperty("server")
        SERVER,
        @JsonProperty("tool")
        TOOL
    }

    public KillSwitch {
        matching(id, ID, "id");
        required(scope, "scope");
        text(reason, "reason");
        switch (scope) {
            case TENANT -> {
                if (serverId != null || tool != null) {
                    throw new IllegalArgumentException(
                            "kill switch " + id + ": scope tenant takes no serverId or tool");
                }
            }
            case SERVER -> {
                matching(serverId, ID, "serverId");
                if (tool != null) {
                    throw new IllegalArgumentException("kill switch " + id + ": scope server takes no tool");
                }
            }
            case TOOL -> {
                matching(serverId, ID, "serverId");
                matching(tool, ToolBinding.TOOL_PATTERN, "tool");
            }
        }
    }
}
