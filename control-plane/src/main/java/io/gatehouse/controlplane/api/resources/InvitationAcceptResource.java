package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.auth.Public;
import io.gatehouse.controlplane.domain.identity.IdentityService;
import io.gatehouse.protocol.api.InvitationAcceptRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /api/v1/invitations:accept}: joins the inviting tenant and returns a session. */
@Path("/api/v1/invitations:accept")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class InvitationAcceptResource {
    private final IdentityService identity;

    public InvitationAcceptResource(IdentityService identity) {
        this.identity = identity;
    }

    @POST
    @Public
    public Response accept(InvitationAcceptRequest request, @Context HttpServletRequest http) {
        return Response.status(201)
                .entity(identity.acceptInvitation(Resources.body(request), http.getRemoteAddr()))
                .build();
    }
}
