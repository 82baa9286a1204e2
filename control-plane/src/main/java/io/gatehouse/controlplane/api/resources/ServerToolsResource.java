package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.registry.ServerToolsService;
import io.gatehouse.protocol.api.ServerTools;
import io.gatehouse.protocol.api.ToolReport;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code /api/v1/servers/{id}/tools}: a server's discovered tools against its pins, with diff and findings. */
@Path("/api/v1/servers/{id}/tools")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class ServerToolsResource {
    private final Endpoints endpoints;
    private final ServerToolsService service;

    public ServerToolsResource(Endpoints endpoints, ServerToolsService service) {
        this.endpoints = endpoints;
        this.service = service;
    }

    /** Discovered against pinned: state per tool, the diff old against new, the poisoning findings. */
    @GET
    @Requires(Permission.CONFIG_READ)
    public ServerTools get(@Context SecurityContext security, @PathParam("id") String id) {
        return (ServerTools) endpoints
                .read(security, (session, caller) -> service.view(session, Endpoints.id(id, "server")))
                .getEntity();
    }

    /** Reports the complete tool list the server announces (replaces the discovered set). */
    @PUT
    @Requires(Permission.CONFIG_WRITE)
    public ServerTools report(@Context SecurityContext security, @PathParam("id") String id, ToolReport report) {
        return (ServerTools) endpoints
                .read(
                        security,
                        (session, caller) -> service.report(session, caller, Endpoints.id(id, "server"), report))
                .getEntity();
    }
}
