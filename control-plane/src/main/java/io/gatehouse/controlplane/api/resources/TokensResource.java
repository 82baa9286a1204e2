package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.api.Idempotency;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.identity.ApiTokenService;
import io.gatehouse.protocol.api.ApiToken;
import io.gatehouse.protocol.api.ApiTokenRequest;
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

/** {@code /api/v1/tokens}: API tokens; owners and admins see everyone's, others their own. */
@Path("/api/v1/tokens")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class TokensResource {
    private final Endpoints endpoints;
    private final ApiTokenService tokens;

    public TokensResource(Endpoints endpoints, ApiTokenService tokens) {
        this.endpoints = endpoints;
        this.tokens = tokens;
    }

    @POST
    @Requires(Permission.TOKENS_OWN)
    public Response create(
            @Context SecurityContext security,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String key,
            ApiTokenRequest request) {
        return endpoints.create(
                security, uri, key, request, (session, caller) -> tokens.create(session, caller, request));
    }

    @GET
    @Requires(Permission.TOKENS_OWN)
    public Page<ApiToken> list(@Context SecurityContext security, @Context UriInfo uri) {
        return endpoints.list(
                security, session -> tokens.list(session, Endpoints.caller(security), Endpoints.params(uri)));
    }

    @GET
    @Path("{id}")
    @Requires(Permission.TOKENS_OWN)
    public Response get(@Context SecurityContext security, @PathParam("id") String id) {
        return endpoints.read(
                security, (session, caller) -> tokens.get(session, caller, Endpoints.id(id, "api-token")));
    }

    @DELETE
    @Path("{id}")
    @Requires(Permission.TOKENS_OWN)
    public Response revoke(@Context SecurityContext security, @PathParam("id") String id) {
        return endpoints.delete(
                security, null, (session, ctx) -> tokens.revoke(session, ctx.caller(), Endpoints.id(id, "api-token")));
    }
}
