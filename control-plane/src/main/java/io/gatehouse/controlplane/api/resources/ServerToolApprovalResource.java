package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.registry.ServerToolsService;
import io.gatehouse.protocol.api.ServerTools;
import io.gatehouse.protocol.api.ToolApproval;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code POST /api/v1/servers/{id}/tools:approve}: pins the reviewed set (names and fingerprints an admin
 * saw). Owners and admins only: what a model may be told by a server is a security decision.
 */
@Path("/api/v1/servers/{id}/tools:approve")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class ServerToolApprovalResource {
    private final Endpoints endpoints;
    private final ServerToolsService service;

    public ServerToolApprovalResource(Endpoints endpoints, ServerToolsService service) {
        this.endpoints = endpoints;
        this.service = service;
    }

    @POST
    @Requires(Permission.SECURITY_WRITE)
    public ServerTools approve(@Context SecurityContext security, @PathParam("id") String id, ToolApproval approval) {
        return (ServerTools) endpoints
                .read(
                        security,
                        (session, caller) -> service.approve(session, caller, Endpoints.id(id, "server"), approval))
                .getEntity();
    }
}
