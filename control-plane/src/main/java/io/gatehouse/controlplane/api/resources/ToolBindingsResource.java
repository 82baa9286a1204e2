package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.api.Idempotency;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.registry.ToolBindingService;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.protocol.api.ToolBindingRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v1/tool-bindings}: tool patterns of a server mapped to required scopes. */
@Path("/api/v1/tool-bindings")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class ToolBindingsResource {
    private final Endpoints endpoints;
    private final ToolBindingService service;

    public ToolBindingsResource(Endpoints endpoints, ToolBindingService service) {
        this.endpoints = endpoints;
        this.service = service;
    }

    @POST
    @Requires(Permission.CONFIG_WRITE)
    public Response create(
            @Context SecurityContext security,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String key,
            ToolBindingRequest request) {
        return endpoints.create(
                security, uri, key, request, (session, caller) -> service.create(session, caller, request));
    }

    @GET
    @Requires(Permission.CONFIG_READ)
    public Page<ToolBinding> list(@Context SecurityContext security, @Context UriInfo uri) {
        return endpoints.list(security, session -> service.list(session, Endpoints.params(uri)));
    }

    @GET
    @Path("{id}")
    @Requires(Permission.CONFIG_READ)
    public Response get(@Context SecurityContext security, @PathParam("id") String id) {
        return endpoints.read(security, (session, caller) -> service.get(session, Endpoints.id(id, "tool-binding")));
    }

    @PUT
    @Path("{id}")
    @Requires(Permission.CONFIG_WRITE)
    public Response update(
            @Context SecurityContext security,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            ToolBindingRequest request) {
        return endpoints.update(
                security,
                ifMatch,
                request,
                (session, caller, version) ->
                        service.update(session, caller, Endpoints.id(id, "tool-binding"), request, version));
    }

    @DELETE
    @Path("{id}")
    @Requires(Permission.CONFIG_WRITE)
    public Response delete(
            @Context SecurityContext security, @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return endpoints.delete(
                security,
                ifMatch,
                (session, ctx) ->
                        service.delete(session, ctx.caller(), Endpoints.id(id, "tool-binding"), ctx.expectedVersion()));
    }
}
