package io.gatehouse.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ServerTools;
import io.gatehouse.protocol.api.ToolApproval;
import io.gatehouse.protocol.api.ToolPinRef;
import io.gatehouse.protocol.api.ToolReport;
import java.util.List;
import java.util.Objects;

/**
 * {@code /api/v1/servers}: the MCP server registry, plus each server's tools ({@code /servers/{id}/tools}):
 * what it announces, what is pinned, the diff and the poisoning findings, and the approval of a reviewed set.
 */
public final class ServersService extends CrudService<ServerRequest, Server> {

    private static final TypeReference<ServerTools> TOOLS = new TypeReference<>() {};

    ServersService(HttpTransport transport) {
        super(transport, "/api/v1/servers", Server.class);
    }

    /** Discovered against pinned tools of a server, with the diff (old against new) and scan findings. */
    public ServerTools tools(String serverId) {
        return transport
                .send("GET", item(serverId) + "/tools", null, null, RequestOptions.NONE, TOOLS, true)
                .body();
    }

    /** Reports the complete tool list a server announces (its {@code tools/list} result's {@code tools}). */
    public ServerTools reportTools(String serverId, List<JsonNode> tools) {
        Objects.requireNonNull(tools, "tools");
        return transport
                .send("PUT", item(serverId) + "/tools", null, new ToolReport(tools), RequestOptions.NONE, TOOLS, true)
                .body();
    }

    /** Pins exactly the reviewed tools (names and the fingerprints that were reviewed). */
    public ServerTools approveTools(String serverId, List<ToolPinRef> reviewed) {
        Objects.requireNonNull(reviewed, "reviewed");
        return transport
                .send(
                        "POST",
                        item(serverId) + "/tools:approve",
                        null,
                        new ToolApproval(reviewed),
                        RequestOptions.NONE,
                        TOOLS,
                        true)
                .body();
    }

    /** Pins every discovered tool of a view the caller reviewed (e.g. the result of {@link #tools}). */
    public ServerTools approveTools(ServerTools reviewed) {
        Objects.requireNonNull(reviewed, "reviewed");
        return approveTools(
                reviewed.serverId(),
                reviewed.discovered().stream()
                        .map(t -> new ToolPinRef(t.name(), t.fingerprint()))
                        .toList());
    }
}
