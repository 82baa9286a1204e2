package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.bundle.BundleControl;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code POST /api/v1/signing-keys:rotate}: publishes a new signing key in the next trust set; it starts signing
 * after the propagation window (current bundles are re-signed), and the old key is retired one window later.
 */
@Path("/api/v1/signing-keys:rotate")
@Produces(MediaType.APPLICATION_JSON)
public final class SigningKeyRotateResource {
    private final BundleControl bundles;

    public SigningKeyRotateResource(BundleControl bundles) {
        this.bundles = bundles;
    }

    @POST
    @Requires(Permission.SECURITY_WRITE)
    public Response rotate(@Context SecurityContext security) {
        return Response.status(201)
                .entity(bundles.rotate(Endpoints.caller(security)))
                .build();
    }
}
