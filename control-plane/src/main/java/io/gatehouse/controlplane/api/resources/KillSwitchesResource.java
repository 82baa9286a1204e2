package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.api.Idempotency;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.policy.KillSwitchService;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v1/kill-switches}: emergency stops; DELETE lifts one and keeps it in the history. */
@Path("/api/v1/kill-switches")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class KillSwitchesResource {
    private final Endpoints endpoints;
    private final KillSwitchService service;

    public KillSwitchesResource(Endpoints endpoints, KillSwitchService service) {
        this.endpoints = endpoints;
        this.service = service;
    }

    @POST
    @Requires(Permission.CONFIG_WRITE)
    public Response create(
            @Context SecurityContext security,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String key,
            KillSwitchRequest request) {
        return endpoints.create(
                security, uri, key, request, (session, caller) -> service.create(session, caller, request));
    }

    @GET
    @Requires(Permission.CONFIG_READ)
    public Page<KillSwitch> list(@Context SecurityContext security, @Context UriInfo uri) {
        return endpoints.list(security, session -> service.list(session, Endpoints.params(uri)));
    }

    @GET
    @Path("{id}")
    @Requires(Permission.CONFIG_READ)
    public Response get(@Context SecurityContext security, @PathParam("id") String id) {
        return endpoints.read(security, (session, caller) -> service.get(session, Endpoints.id(id, "kill-switch")));
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
                        service.delete(session, ctx.caller(), Endpoints.id(id, "kill-switch"), ctx.expectedVersion()));
    }
}
