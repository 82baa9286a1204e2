package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.fleet.DataPlaneService;
import io.gatehouse.protocol.api.DataPlane;
import io.gatehouse.protocol.api.Page;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v1/data-planes}: enrolled agents with heartbeat, applied vs desired version and rejects; DELETE revokes. */
@Path("/api/v1/data-planes")
@Produces(MediaType.APPLICATION_JSON)
public final class DataPlanesResource {
    private final Endpoints endpoints;
    private final DataPlaneService service;

    public DataPlanesResource(Endpoints endpoints, DataPlaneService service) {
        this.endpoints = endpoints;
        this.service = service;
    }

    @GET
    @Requires(Permission.CONFIG_READ)
    public Page<DataPlane> list(@Context SecurityContext security, @Context UriInfo uri) {
        return endpoints.list(security, session -> service.list(session, Endpoints.params(uri)));
    }

    @GET
    @Path("{id}")
    @Requires(Permission.CONFIG_READ)
    public Response get(@Context SecurityContext security, @PathParam("id") String id) {
        return endpoints.read(security, (session, caller) -> service.get(session, Endpoints.id(id, "data-plane")));
    }

    @DELETE
    @Path("{id}")
    @Requires(Permission.SECURITY_WRITE)
    public Response delete(
            @Context SecurityContext security, @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return endpoints.delete(
                security,
                ifMatch,
                (session, ctx) ->
                        service.delete(session, ctx.caller(), Endpoints.id(id, "data-plane"), ctx.expectedVersion()));
    }
}
