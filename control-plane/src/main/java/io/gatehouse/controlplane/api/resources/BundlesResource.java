package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.bundle.BundleControl;
import io.gatehouse.protocol.api.BundleVersion;
import io.gatehouse.protocol.api.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** {@code GET /api/v1/bundles}: the bundle history of every data-plane group, newest first. */
@Path("/api/v1/bundles")
@Produces(MediaType.APPLICATION_JSON)
public final class BundlesResource {
    private final BundleControl bundles;

    public BundlesResource(BundleControl bundles) {
        this.bundles = bundles;
    }

    @GET
    @Requires(Permission.CONFIG_READ)
    public Page<BundleVersion> list(@Context SecurityContext security, @Context UriInfo uri) {
        return bundles.list(Endpoints.caller(security), Endpoints.params(uri));
    }
}
