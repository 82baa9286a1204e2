package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.bundle.BundleControl;
import io.gatehouse.protocol.api.BundlePublishRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code POST /api/v1/bundles:publish}: compile and sign a new version now (one group or all), bypassing the debounce. */
@Path("/api/v1/bundles:publish")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class BundlePublishResource {
    private final BundleControl bundles;

    public BundlePublishResource(BundleControl bundles) {
        this.bundles = bundles;
    }

    @POST
    @Requires(Permission.CONFIG_WRITE)
    public Response publish(@Context SecurityContext security, BundlePublishRequest request) {
        return Response.status(201)
                .entity(bundles.publish(Endpoints.caller(security), request))
                .build();
    }
}
