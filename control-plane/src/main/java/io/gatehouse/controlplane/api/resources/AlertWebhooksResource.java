package io.gatehouse.controlplane.api.resources;

import io.gatehouse.controlplane.alerts.WebhookService;
import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.protocol.api.AlertWebhook;
import io.gatehouse.protocol.api.AlertWebhookRequest;
import io.gatehouse.protocol.api.FieldError;
import io.gatehouse.protocol.api.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/alerts/webhooks}: where alerts are delivered. The create response is the only place the HMAC
 * secret is ever shown. Managing webhooks needs {@code SECURITY_WRITE} (owner, admin).
 */
@Path("/api/v1/alerts/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AlertWebhooksResource {

    private final WebhookService webhooks;

    public AlertWebhooksResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Requires(Permission.SECURITY_WRITE)
    public Response create(@Context SecurityContext security, AlertWebhookRequest request) {
        Caller caller = Endpoints.caller(security);
        if (!webhooks.canCreate()) {
            // the secret could only be stored in plain text: refuse (fail closed)
            throw new ApiException(
                    503,
                    "MASTER_KEY_NOT_CONFIGURED",
                    "this control plane has no master key configured, so webhook secrets cannot be sealed");
        }
        AlertWebhook created = valid(() -> webhooks.create(caller.tenantId(), request));
        return Response.status(201)
                .entity(created)
                .location(URI.create("/api/v1/alerts/webhooks/" + created.id()))
                .tag(new EntityTag(Long.toString(created.version())))
                .build();
    }

    @GET
    @Requires(Permission.SECURITY_WRITE)
    public Page<AlertWebhook> list(
            @Context SecurityContext security, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller caller = Endpoints.caller(security);
        int size = limit(limit);
        return valid(() -> webhooks.list(caller.tenantId(), size, cursor == null || cursor.isBlank() ? null : cursor));
    }

    @GET
    @Path("{id}")
    @Requires(Permission.SECURITY_WRITE)
    public Response get(@Context SecurityContext security, @PathParam("id") String id) {
        Caller caller = Endpoints.caller(security);
        AlertWebhook webhook = webhooks.get(caller.tenantId(), Endpoints.id(id, "webhook"));
        if (webhook == null) {
            throw ApiException.notFound("webhook");
        }
        return Response.ok(webhook)
                .tag(new EntityTag(Long.toString(webhook.version())))
                .build();
    }

    @PUT
    @Path("{id}")
    @Requires(Permission.SECURITY_WRITE)
    public Response update(
            @Context SecurityContext security,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            AlertWebhookRequest request) {
        Caller caller = Endpoints.caller(security);
        UUID webhookId = Endpoints.id(id, "webhook");
        Long expected = version(ifMatch);
        AlertWebhook updated;
        try {
            updated = valid(() -> webhooks.update(caller.tenantId(), webhookId, request, expected));
        } catch (WebhookService.VersionConflict e) {
            throw ApiException.preconditionFailed(e.current);
        }
        if (updated == null) {
            throw ApiException.notFound("webhook");
        }
        return Response.ok(updated)
                .tag(new EntityTag(Long.toString(updated.version())))
                .build();
    }

    @DELETE
    @Path("{id}")
    @Requires(Permission.SECURITY_WRITE)
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        Caller caller = Endpoints.caller(security);
        if (!webhooks.delete(caller.tenantId(), Endpoints.id(id, "webhook"))) {
            throw ApiException.notFound("webhook");
        }
        return Response.noContent().build();
    }

    private static <T> T valid(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid" : e.getMessage();
            int colon = message.indexOf(':');
            String field = colon > 0 ? message.substring(0, colon) : "body";
            throw ApiException.validation(List.of(new FieldError(
                    field, colon > 0 ? message.substring(colon + 1).trim() : message)));
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 50;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= 200) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest("INVALID_LIMIT", "limit: '" + limit + "' (expected: 1..200)");
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("INVALID_IF_MATCH", "If-Match must be an ETag returned by this API");
        }
    }
}
