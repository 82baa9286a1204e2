package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Public;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.identity.IdentityService;
import io.gatehouse.protocol.api.LoginRequest;
import io.gatehouse.protocol.api.SessionToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code POST /api/v1/sessions} logs in; {@code DELETE /api/v1/sessions/current} logs out. */
@Path("/api/v1/sessions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class SessionsResource {
    private final IdentityService identity;

    public SessionsResource(IdentityService identity) {
        this.identity = identity;
    }

    @POST
    @Public
    public Response login(LoginRequest request, @Context HttpServletRequest http) {
        SessionToken session = identity.login(Resources.body(request), http.getRemoteAddr());
        return Response.status(201).entity(session).build();
    }

    @DELETE
    @Path("current")
    @Requires(Permission.TOKENS_OWN)
    public Response logout(@Context SecurityContext security) {
        identity.logout(Endpoints.caller(security));
        return Response.noContent().build();
    }
}
