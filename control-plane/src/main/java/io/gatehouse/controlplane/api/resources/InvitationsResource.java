package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.api.Idempotency;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.identity.InvitationService;
import io.gatehouse.protocol.api.Invitation;
import io.gatehouse.protocol.api.InvitationRequest;
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

/** {@code /api/v1/invitations}: invite by email with a role; the token is in the create response only. */
@Path("/api/v1/invitations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class InvitationsResource {
    private final Endpoints endpoints;
    private final InvitationService invitations;

    public InvitationsResource(Endpoints endpoints, InvitationService invitations) {
        this.endpoints = endpoints;
        this.invitations = invitations;
    }

    @POST
    @Requires(Permission.MEMBERS_WRITE)
    public Response create(
            @Context SecurityContext security,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String key,
            InvitationRequest request) {
        return endpoints.create(
                security, uri, key, request, (session, caller) -> invitations.create(session, caller, request));
    }

    @GET
    @Requires(Permission.MEMBERS_READ)
    public Page<Invitation> list(@Context SecurityContext security, @Context UriInfo uri) {
        return endpoints.list(security, session -> invitations.list(session, Endpoints.params(uri)));
    }

    @GET
    @Path("{id}")
    @Requires(Permission.MEMBERS_READ)
    public Response get(@Context SecurityContext security, @PathParam("id") String id) {
        return endpoints.read(security, (session, caller) -> invitations.get(session, Endpoints.id(id, "invitation")));
    }

    @DELETE
    @Path("{id}")
    @Requires(Permission.MEMBERS_WRITE)
    public Response revoke(@Context SecurityContext security, @PathParam("id") String id) {
        return endpoints.delete(
                security,
                null,
                (session, ctx) -> invitations.revoke(session, ctx.caller(), Endpoints.id(id, "invitation")));
    }
}
