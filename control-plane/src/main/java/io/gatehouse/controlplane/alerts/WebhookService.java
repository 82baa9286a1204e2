package io.gatehouse.controlplane.alerts;

import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.controlplane.persistence.Uuids;
import io.gatehouse.protocol.api.AlertDelivery;
import io.gatehouse.protocol.api.AlertWebhook;
import io.gatehouse.protocol.api.AlertWebhookRequest;
import io.gatehouse.protocol.api.Page;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant's alert webhooks: create (the HMAC secret is generated here, shown once in the create response and
 * stored only sealed under the master key, see {@link WebhookSecrets}), list, read, replace, delete, and the
 * recorded delivery attempts. Validation errors throw {@link IllegalArgumentException} with the
 * field name first, before anything is written.
 */
public final class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_WEBHOOKS = 50;

    private final Db db;
    private final Clock clock;
    private final WebhookSecrets secrets;

    /** @param secrets seals each new webhook's HMAC secret (creating a webhook needs a master key) */
    public WebhookService(Db db, Clock clock, WebhookSecrets secrets) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** True when webhooks can be created (a master key seals their secrets). */
    public boolean canCreate() {
        return secrets.available();
    }

    /**
     * Seals every plain-text secret left from before V7 and clears the plain text, tenant by tenant (each in its
     * own transaction); returns how many were sealed. Without a master key it seals nothing and returns the
     * number still in plain text, negated.
     */
    public int sealPlaintextSecrets(Set<UUID> tenants) {
        int sealed = 0;
        int waiting = 0;
        for (UUID tenantId : tenants) {
            int[] counts = db.inTenant(
                    tenantId,
                    s -> s.doReturningWork(c -> {
                        List<UUID> ids = new ArrayList<>();
                        List<String> plain = new ArrayList<>();
                        try (PreparedStatement st = c.prepareStatement("SELECT id, secret FROM alert_webhooks"
                                + " WHERE tenant_id = ? AND secret IS NOT NULL FOR UPDATE")) {
                            st.setObject(1, tenantId);
                            try (ResultSet rs = st.executeQuery()) {
                                while (rs.next()) {
                                    ids.add(rs.getObject(1, UUID.class));
                                    plain.add(rs.getString(2));
                                }
                            }
                        }
                        if (!secrets.available()) {
                            return new int[] {0, ids.size()};
                        }
                        try (PreparedStatement st = c.prepareStatement("UPDATE alert_webhooks SET sealed_secret = ?,"
                                + " secret = NULL WHERE tenant_id = ? AND id = ?")) {
                            for (int i = 0; i < ids.size(); i++) {
                                st.setString(1, secrets.seal(tenantId, ids.get(i), plain.get(i)));
                                st.setObject(2, tenantId);
                                st.setObject(3, ids.get(i));
                                st.addBatch();
                            }
                            st.executeBatch();
                        }
                        return new int[] {ids.size(), 0};
                    }));
            sealed += counts[0];
            waiting += counts[1];
        }
        return waiting > 0 ? -waiting : sealed;
    }

    /** A checked request: url, events (normalised), enabled, description. */
    record Valid(String url, String events, boolean enabled, String description) {}

    static Valid validate(AlertWebhookRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("body: a JSON request body is required");
        }
        String url = request.url();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url: required");
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url: not a valid URL");
        }
        String host = uri.getHost();
        boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (host == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)) {
            throw new IllegalArgumentException("url: '" + url + "' (expected: an https URL; http only for localhost)");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("url: credentials in the URL are not allowed");
        }
        if (url.length() > 2000) {
            throw new IllegalArgumentException("url: " + url.length() + " characters (expected: <= 2000)");
        }
        LinkedHashSet<String> events = new LinkedHashSet<>();
        if (request.events() != null) {
            for (String event : request.events()) {
                String name = event == null ? "" : event.trim().toUpperCase(Locale.ROOT);
                try {
                    events.add(AlertType.valueOf(name).name());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "events: '" + event + "' (expected one of " + Arrays.toString(AlertType.values()) + ")");
                }
            }
        }
        String description = request.description();
        if (description != null && description.length() > 500) {
            throw new IllegalArgumentException(
                    "description: " + description.length() + " characters (expected: <= 500)");
        }
        return new Valid(
                uri.toString(), String.join(",", events), request.enabled() == null || request.enabled(), description);
    }

    public AlertWebhook create(UUID tenantId, AlertWebhookRequest request) {
        Valid valid = validate(request);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        UUID id = Uuids.v7();
        String sealedSecret = secrets.seal(tenantId, id, secret); // MasterKeyMissing before anything is written
        Instant now = clock.instant();
        return db.inTenant(
                tenantId,
                s -> s.doReturningWork(c -> {
                    try (PreparedStatement count =
                            c.prepareStatement("SELECT count(*) FROM alert_webhooks WHERE tenant_id = ?")) {
                        count.setObject(1, tenantId);
                        try (ResultSet rs = count.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) >= MAX_WEBHOOKS) {
                                throw new IllegalArgumentException("webhooks: at most " + MAX_WEBHOOKS + " per tenant");
                            }
                        }
                    }
                    try (PreparedStatement st =
                            c.prepareStatement("INSERT INTO alert_webhooks (id, tenant_id, version, created_at,"
                                    + " updated_at, url, events, sealed_secret, enabled, description)"
                                    + " VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)")) {
                        st.setObject(1, id);
                        st.setObject(2, tenantId);
                        st.setTimestamp(3, Timestamp.from(now));
                        st.setTimestamp(4, Timestamp.from(now));
                        st.setString(5, valid.url());
                        st.setString(6, valid.events());
                        st.setString(7, sealedSecret);
                        st.setBoolean(8, valid.enabled());
                        st.setString(9, valid.description());
                        st.executeUpdate();
                    }
                    AlertWebhook stored = find(c, tenantId, id);
                    return new AlertWebhook(
                            stored.id(),
                            stored.url(),
                            stored.events(),
                            stored.enabled(),
                            stored.description(),
                            secret,
                            stored.createdAt(),
                            stored.updatedAt(),
                            stored.version());
                }));
    }

    public Page<AlertWebhook> list(UUID tenantId, int limit, String cursor) {
        return db.inTenant(
                tenantId,
                s -> s.doReturningWork(c -> {
                    String sql =
                            "SELECT id, url, events, enabled, description, created_at, updated_at, version FROM alert_webhooks"
                                    + " WHERE tenant_id = ?" + (cursor == null ? "" : " AND id > ?")
                                    + " ORDER BY id LIMIT ?";
                    List<AlertWebhook> items = new ArrayList<>();
                    try (PreparedStatement st = c.prepareStatement(sql)) {
                        int p = 1;
                        st.setObject(p++, tenantId);
                        if (cursor != null) {
                            st.setObject(p++, cursorId(cursor));
                        }
                        st.setInt(p, limit + 1);
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) {
                                items.add(webhook(rs));
                            }
                        }
                    }
                    String next = null;
                    if (items.size() > limit) {
                        items = new ArrayList<>(items.subList(0, limit));
                        next = items.get(limit - 1).id();
                    }
                    return new Page<>(items, next);
                }));
    }

    /** The webhook, or null when this tenant has none with that id. */
    public AlertWebhook get(UUID tenantId, UUID id) {
        return db.inTenant(tenantId, s -> s.doReturningWork(c -> find(c, tenantId, id)));
    }

    /**
     * Replaces url, events, enabled and description (the secret stays); null when there is no such webhook.
     *
     * @param expectedVersion the If-Match version, or null for unconditional
     * @throws IllegalStateException with the current version when {@code expectedVersion} does not match
     */
    public AlertWebhook update(UUID tenantId, UUID id, AlertWebhookRequest request, Long expectedVersion) {
        Valid valid = validate(request);
        return db.inTenant(
                tenantId,
                s -> s.doReturningWork(c -> {
                    AlertWebhook current = find(c, tenantId, id);
                    if (current == null) {
                        return null;
                    }
                    if (expectedVersion != null && expectedVersion != current.version()) {
                        throw new VersionConflict(current.version());
                    }
                    try (PreparedStatement st = c.prepareStatement(
                            "UPDATE alert_webhooks SET url = ?, events = ?, enabled = ?,"
                                    + " description = ?, updated_at = ?, version = version + 1 WHERE tenant_id = ? AND id = ?")) {
                        st.setString(1, valid.url());
                        st.setString(2, valid.events());
                        st.setBoolean(3, valid.enabled());
                        st.setString(4, valid.description());
                        st.setTimestamp(5, Timestamp.from(clock.instant()));
                        st.setObject(6, tenantId);
                        st.setObject(7, id);
                        st.executeUpdate();
                    }
                    return find(c, tenantId, id);
                }));
    }

    /** Deletes the webhook (and its delivery records); false when there is no such webhook. */
    public boolean delete(UUID tenantId, UUID id) {
        return db.inTenant(
                tenantId,
                s -> s.doReturningWork(c -> {
                    try (PreparedStatement st =
                            c.prepareStatement("DELETE FROM alert_webhooks WHERE tenant_id = ? AND id = ?")) {
                        st.setObject(1, tenantId);
                        st.setObject(2, id);
                        return st.executeUpdate() > 0;
                    }
                }));
    }

    /** Delivery attempts of one webhook, newest first; null when there is no such webhook. */
    public Page<AlertDelivery> deliveries(UUID tenantId, UUID webhookId, int limit) {
        return db.inTenant(
                tenantId,
                s -> s.doReturningWork(c -> {
                    if (find(c, tenantId, webhookId) == null) {
                        return null;
                    }
                    List<AlertDelivery> items = new ArrayList<>();
                    try (PreparedStatement st = c.prepareStatement(
                            "SELECT d.id, d.event_id, e.type, d.attempt, d.status_code,"
                                    + " d.error, d.succeeded, d.created_at FROM alert_deliveries d JOIN alert_events e ON e.id = d.event_id"
                                    + " WHERE d.tenant_id = ? AND d.webhook_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT ?")) {
                        st.setObject(1, tenantId);
                        st.setObject(2, webhookId);
                        st.setInt(3, limit);
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) {
                                int status = rs.getInt(5);
                                Integer statusCode = rs.wasNull() ? null : status;
                                items.add(new AlertDelivery(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getInt(4),
                                        statusCode,
                                        rs.getString(6),
                                        rs.getBoolean(7),
                                        rs.getTimestamp(8).toInstant()));
                            }
                        }
                    }
                    return new Page<>(items, null);
                }));
    }

    /** The current version of a webhook that an If-Match did not match. */
    public static final class VersionConflict extends RuntimeException {
        public final long current;

        VersionConflict(long current) {
            super("version " + current);
            this.current = current;
        }
    }

    private static UUID cursorId(String cursor) {
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor: not a cursor returned by this API");
        }
    }

    private static AlertWebhook find(Connection c, UUID tenantId, UUID id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id, url, events, enabled, description, created_at,"
                + " updated_at, version FROM alert_webhooks WHERE tenant_id = ? AND id = ?")) {
            st.setObject(1, tenantId);
            st.setObject(2, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? webhook(rs) : null;
            }
        }
    }

    private static AlertWebhook webhook(ResultSet rs) throws SQLException {
        String events = rs.getString(3);
        return new AlertWebhook(
                rs.getString(1),
                rs.getString(2),
                events.isEmpty() ? List.of() : List.of(events.split(",")),
                rs.getBoolean(4),
                rs.getString(5),
                null,
                rs.getTimestamp(6).toInstant(),
                rs.getTimestamp(7).toInstant(),
                rs.getLong(8));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
