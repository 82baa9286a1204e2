package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.activity.ActivityService;
import io.gatehouse.protocol.api.ActivityEntry;
import io.gatehouse.protocol.api.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** {@code GET /api/v1/activity}: who changed what and when, with before and after. */
@Path("/api/v1/activity")
@Produces(MediaType.APPLICATION_JSON)
public final class ActivityResource {
    private final Endpoints endpoints;
    private final ActivityService activity;

    public ActivityResource(Endpoints endpoints, ActivityService activity) {
        this.endpoints = endpoints;
        this.activity = activity;
    }

    @GET
    @Requires(Permission.ACTIVITY_READ)
    public Page<ActivityEntry> list(@Context SecurityContext security, @Context UriInfo uri) {
        return endpoints.list(security, session -> activity.list(session, Endpoints.params(uri)));
    }
}
