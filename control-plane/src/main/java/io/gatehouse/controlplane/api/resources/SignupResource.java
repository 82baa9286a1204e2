package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.auth.Public;
import io.gatehouse.controlplane.domain.identity.IdentityService;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.protocol.api.SignupResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /api/v1/signup}: a new tenant, its owner and a session token. */
@Path("/api/v1/signup")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class SignupResource {
    private final IdentityService identity;

    public SignupResource(IdentityService identity) {
        this.identity = identity;
    }

    @POST
    @Public
    public Response signup(SignupRequest request, @Context HttpServletRequest http) {
        SignupResponse created = identity.signup(Resources.body(request), http.getRemoteAddr());
        return Response.status(201).entity(created).build();
    }
}
