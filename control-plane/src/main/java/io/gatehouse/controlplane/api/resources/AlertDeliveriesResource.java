package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.alerts.WebhookService;
import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.protocol.api.AlertDelivery;
import io.gatehouse.protocol.api.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /api/v1/alerts/webhooks/{id}/deliveries}: every delivery attempt of a webhook, newest first. */
@Path("/api/v1/alerts/webhooks/{id}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public final class AlertDeliveriesResource {

    private final WebhookService webhooks;

    public AlertDeliveriesResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @Requires(Permission.SECURITY_WRITE)
    public Page<AlertDelivery> list(
            @Context SecurityContext security, @PathParam("id") String id, @QueryParam("limit") String limit) {
        Caller caller = Endpoints.caller(security);
        int size = 100;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > 1000) {
                throw ApiException.badRequest("INVALID_LIMIT", "limit: '" + limit + "' (expected: 1..1000)");
            }
        }
        Page<AlertDelivery> page = webhooks.deliveries(caller.tenantId(), Endpoints.id(id, "webhook"), size);
        if (page == null) {
            throw ApiException.notFound("webhook");
        }
        return page;
    }
}
