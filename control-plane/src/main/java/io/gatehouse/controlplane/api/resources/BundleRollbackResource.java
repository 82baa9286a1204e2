package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.bundle.BundleControl;
import io.gatehouse.protocol.api.BundleRollbackRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code POST /api/v1/bundles:rollback}: an old version's content again, under a new, higher version. */
@Path("/api/v1/bundles:rollback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class BundleRollbackResource {
    private final BundleControl bundles;

    public BundleRollbackResource(BundleControl bundles) {
        this.bundles = bundles;
    }

    @POST
    @Requires(Permission.CONFIG_WRITE)
    public Response rollback(@Context SecurityContext security, BundleRollbackRequest request) {
        return Response.status(201)
                .entity(bundles.rollback(Endpoints.caller(security), request))
                .build();
    }
}
