package io.gatehouse.controlplane.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.controlplane.persistence.Uuids;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises alerts and delivers them to the tenant's webhooks: each alert is stored ({@code alert_events}), then
 * POSTed as JSON to every enabled webhook subscribed to its type, signed with the webhook's HMAC secret
 * ({@link WebhookSignature}); a failed attempt (non-2xx, timeout, connection error) is retried with exponential
 * backoff up to {@code maxAttempts}; every attempt is recorded in {@code alert_deliveries}.
 *
 * <p>Other features raise their alerts through {@link #raise} (kill switch, pin drift, ...).
 */
public final class AlertService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    private final Db db;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration firstBackoff;
    private final int maxAttempts;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final WebhookSecrets secrets;

    /** @param secrets opens the webhooks' sealed HMAC secrets */
    public AlertService(
            Db db, ObjectMapper json, Clock clock, Duration firstBackoff, int maxAttempts, WebhookSecrets secrets) {
        this.db = Objects.requireNonNull(db, "db");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: >= 1)");
        }
        this.maxAttempts = maxAttempts;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.scheduler = Executors.newScheduledThreadPool(
                2, r -> Thread.ofPlatform().name("alert-delivery").daemon(true).unstarted(r));
    }

    /**
     * Stores the alert and schedules its deliveries; returns the alert id. Never throws for delivery problems
     * (they are retried and recorded).
     *
     * @param details JSON-serialisable facts (no secrets, no payloads)
     */
    public UUID raise(UUID tenantId, AlertType type, Map<String, ?> details) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(type, "type");
        UUID id = Uuids.v7();
        Instant now = clock.instant();
        ObjectNode body = json.createObjectNode();
        body.put("id", id.toString());
        body.put("type", type.name());
        body.put("tenantId", tenantId.toString());
        body.put("createdAt", now.toString());
        body.set("details", json.valueToTree(details == null ? Map.of() : details));
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("details: not serialisable as JSON", e);
        }
        List<Target> targets = db.inTenant(
                tenantId,
                session -> session.doReturningWork(c -> {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO alert_events (id, tenant_id, type, payload, created_at) VALUES (?, ?, ?, ?::jsonb, ?)")) {
                        s.setObject(1, id);
                        s.setObject(2, tenantId);
                        s.setString(3, type.name());
                        s.setString(4, new String(bytes, StandardCharsets.UTF_8));
                        s.setTimestamp(5, Timestamp.from(now));
                        s.executeUpdate();
                    }
                    List<Target> found = new ArrayList<>();
                    try (PreparedStatement s =
                            c.prepareStatement("SELECT id, url, sealed_secret, secret, events FROM alert_webhooks"
                                    + " WHERE tenant_id = ? AND enabled")) {
                        s.setObject(1, tenantId);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                String events = rs.getString(5);
                                if (events.isEmpty()
                                        || List.of(events.split(",")).contains(type.name())) {
                                    found.add(new Target(
                                            rs.getObject(1, UUID.class),
                                            rs.getString(2),
                                            rs.getString(3),
                                            rs.getString(4)));
                                }
                            }
                        }
                    }
                    return found;
                }));
        LOG.info("alert {} {} for tenant {}: {} webhook(s)", type, id, tenantId, targets.size());
        for (Target target : targets) {
            scheduler.execute(() -> attempt(tenantId, id, target, bytes, 1));
        }
        return id;
    }

    /**
     * Where to deliver: the secret stays sealed until the moment of signing.
     *
     * @param sealedSecret the sealed HMAC secret, or null for a row from before V7 not yet re-sealed
     * @param plainSecret such a row's plain-text secret (null once sealed)
     */
    private record Target(UUID webhookId, String url, String sealedSecret, String plainSecret) {
        @Override
        public String toString() {
            return "Target[webhookId=" + webhookId + ", url=" + url + "]"; // never the secret
        }
    }

    private void attempt(UUID tenantId, UUID eventId, Target target, byte[] body, int attempt) {
        long timestamp = clock.instant().getEpochSecond();
        Integer status = null;
        String error = null;
        String secret;
        try {
            secret = target.sealedSecret() != null
                    ? secrets.open(tenantId, target.webhookId(), target.sealedSecret())
                    : target.plainSecret();
        } catch (IllegalStateException e) {
            // fail closed: an alert is never sent unsigned; recorded, not retried (retrying cannot fix a key)
            record(
                    tenantId,
                    eventId,
                    target.webhookId(),
                    attempt,
                    null,
                    "SECRET_UNAVAILABLE: " + e.getMessage(),
                    false);
            LOG.warn("alert {} to webhook {}: not sent ({})", eventId, target.webhookId(), e.getMessage());
            return;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Gatehouse-Alerts")
                    .header(WebhookSignature.EVENT_ID_HEADER, eventId.toString())
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status < 200 || status > 299) {
                error = "HTTP " + status;
            }
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (IllegalArgumentException e) {
            error = "invalid URL";
        }
        boolean ok = error == null;
        record(tenantId, eventId, target.webhookId(), attempt, status, error, ok);
        if (!ok && attempt < maxAttempts && !scheduler.isShutdown()) {
            long delay = firstBackoff.toMillis() << Math.min(attempt - 1, 16);
            scheduler.schedule(
                    () -> attempt(tenantId, eventId, target, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } else if (!ok) {
            LOG.warn(
                    "alert {} to webhook {}: giving up after {} attempt(s) ({})",
                    eventId,
                    target.webhookId(),
                    attempt,
                    error);
        }
    }

    private void record(
            UUID tenantId, UUID eventId, UUID webhookId, int attempt, Integer status, String error, boolean ok) {
        try {
            db.inTenant(
                    tenantId,
                    session -> session.doReturningWork(c -> {
                        try (PreparedStatement s =
                                c.prepareStatement("INSERT INTO alert_deliveries (id, tenant_id, webhook_id,"
                                        + " event_id, attempt, status_code, error, succeeded, created_at)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                            s.setObject(1, Uuids.v7());
                            s.setObject(2, tenantId);
                            s.setObject(3, webhookId);
                            s.setObject(4, eventId);
                            s.setInt(5, attempt);
                            s.setObject(6, status);
                            s.setString(
                                    7, error == null ? null : error.length() > 500 ? error.substring(0, 500) : error);
                            s.setBoolean(8, ok);
                            s.setTimestamp(9, Timestamp.from(clock.instant()));
                            s.executeUpdate();
                        }
                        return null;
                    }));
        } catch (RuntimeException e) {
            // the webhook may have been deleted meanwhile (foreign key); nothing else to record
            LOG.debug("alert delivery not recorded: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
