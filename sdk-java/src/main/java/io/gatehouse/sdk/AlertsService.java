package io.gatehouse.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gatehouse.protocol.api.AlertDelivery;
import io.gatehouse.protocol.api.AlertWebhook;
import io.gatehouse.protocol.api.AlertWebhookRequest;
import io.gatehouse.protocol.api.Page;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /api/v1/alerts}: webhooks that receive signed alerts, and their delivery attempts. The secret of a
 * webhook is in the {@link #webhooks()}{@code .create(...)} response only; verify deliveries with it (see
 * docs/audit.md).
 */
public final class AlertsService {
    private static final TypeReference<Page<AlertDelivery>> DELIVERIES = new TypeReference<>() {};

    private final HttpTransport transport;

    AlertsService(HttpTransport transport) {
        this.transport = transport;
    }

    /** Create (returns the secret once), get, list, update (If-Match), delete. */
    public CrudService<AlertWebhookRequest, AlertWebhook> webhooks() {
        return new CrudService<>(transport, "/api/v1/alerts/webhooks", AlertWebhook.class);
    }

    /** Delivery attempts of one webhook, newest first (up to {@code limit}, 1..1000). */
    public Page<AlertDelivery> deliveries(String webhookId, int limit) {
        Objects.requireNonNull(webhookId, "webhookId");
        return transport
                .send(
                        "GET",
                        "/api/v1/alerts/webhooks/" + HttpTransport.pathSegment(webhookId) + "/deliveries",
                        Map.of("limit", Integer.toString(limit)),
                        null,
                        RequestOptions.NONE,
                        DELIVERIES,
                        true)
                .body();
    }
}
