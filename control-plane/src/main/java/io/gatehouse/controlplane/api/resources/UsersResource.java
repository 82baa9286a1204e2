package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.identity.MemberService;
import io.gatehouse.protocol.api.Member;
import io.gatehouse.protocol.api.MemberUpdate;
import io.gatehouse.protocol.api.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v1/users}: the members of the caller's tenant and their roles. */
@Path("/api/v1/users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class UsersResource {
    private final Endpoints endpoints;
    private final MemberService members;

    public UsersResource(Endpoints endpoints, MemberService members) {
        this.endpoints = endpoints;
        this.members = members;
    }

    @GET
    @Requires(Permission.MEMBERS_READ)
    public Page<Member> list(@Context SecurityContext security, @Context UriInfo uri) {
        return endpoints.list(security, session -> members.list(session, Endpoints.params(uri)));
    }

    @GET
    @Path("{id}")
    @Requires(Permission.MEMBERS_READ)
    public Response get(@Context SecurityContext security, @PathParam("id") String id) {
        return endpoints.read(security, (session, caller) -> members.get(session, Endpoints.id(id, "member")));
    }

    @PUT
    @Path("{id}")
    @Requires(Permission.MEMBERS_WRITE)
    public Response update(
            @Context SecurityContext security,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            MemberUpdate request) {
        return endpoints.update(
                security,
                ifMatch,
                request,
                (session, caller, version) ->
                        members.update(session, caller, Endpoints.id(id, "member"), request, version));
    }

    @DELETE
    @Path("{id}")
    @Requires(Permission.MEMBERS_WRITE)
    public Response remove(
            @Context SecurityContext security, @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return endpoints.delete(
                security,
                ifMatch,
                (session, ctx) ->
                        members.remove(session, ctx.caller(), Endpoints.id(id, "member"), ctx.expectedVersion()));
    }
}
