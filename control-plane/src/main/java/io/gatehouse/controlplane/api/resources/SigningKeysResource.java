package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.bundle.BundleControl;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.SigningKey;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /api/v1/signing-keys}: the tenant's bundle-signing keys and their rotation state (public data only). */
@Path("/api/v1/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
public final class SigningKeysResource {
    private final BundleControl bundles;

    public SigningKeysResource(BundleControl bundles) {
        this.bundles = bundles;
    }

    @GET
    @Requires(Permission.CONFIG_READ)
    public Page<SigningKey> list(@Context SecurityContext security) {
        return bundles.keys(Endpoints.caller(security));
    }
}
