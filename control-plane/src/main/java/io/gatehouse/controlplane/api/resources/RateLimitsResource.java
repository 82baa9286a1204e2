package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.api.Idempotency;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.policy.RateLimitService;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.RateLimit;
import io.gatehouse.protocol.api.RateLimitRequest;
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

/** {@code /api/v1/rate-limits}: rate limits. */
@Path("/api/v1/rate-limits")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class RateLimitsResource {
    private final Endpoints endpoints;
    private final RateLimitService service;

    public RateLimitsResource(Endpoints endpoints, RateLimitService service) {
        this.endpoints = endpoints;
        this.service = service;
    }

    @POST
    @Requires(Permission.CONFIG_WRITE)
    public Response create(
            @Context SecurityContext security,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String key,
            RateLimitRequest request) {
        return endpoints.create(
                security, uri, key, request, (session, caller) -> service.create(session, caller, request));
    }

    @GET
    @Requires(Permission.CONFIG_READ)
    public Page<RateLimit> list(@Context SecurityContext security, @Context UriInfo uri) {
        return endpoints.list(security, session -> service.list(session, Endpoints.params(uri)));
    }

    @GET
    @Path("{id}")
    @Requires(Permission.CONFIG_READ)
    public Response get(@Context SecurityContext security, @PathParam("id") String id) {
        return endpoints.read(security, (session, caller) -> service.get(session, Endpoints.id(id, "rate-limit")));
    }

    @PUT
    @Path("{id}")
    @Requires(Permission.CONFIG_WRITE)
    public Response update(
            @Context SecurityContext security,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            RateLimitRequest request) {
        return endpoints.update(
                security,
                ifMatch,
                request,
                (session, caller, version) ->
                        service.update(session, caller, Endpoints.id(id, "rate-limit"), request, version));
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
                        service.delete(session, ctx.caller(), Endpoints.id(id, "rate-limit"), ctx.expectedVersion()));
    }
}
