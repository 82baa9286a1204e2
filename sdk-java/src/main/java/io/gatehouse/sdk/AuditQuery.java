package io.gatehouse.sdk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Filters of an audit query (all optional; the server's default range is the last 24 hours). Immutable: each
 * method returns a new query.
 */
public final class AuditQuery {
    private final Map<String, String> values;

    private AuditQuery(Map<String, String> values) {
        this.values = values;
    }

    public static AuditQuery create() {
        return new AuditQuery(Map.of());
    }

    private AuditQuery with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, Objects.requireNonNull(value, name));
        return new AuditQuery(Map.copyOf(copy));
    }

    /** Inclusive lower bound of the call time. */
    public AuditQuery from(Instant from) {
        return with("from", from.toString());
    }

    /** Exclusive upper bound of the call time. */
    public AuditQuery to(Instant to) {
        return with("to", to.toString());
    }

    /** The caller's subject ({@code sub}). */
    public AuditQuery principal(String subject) {
        return with("principal", subject);
    }

    public AuditQuery server(String server) {
        return with("server", server);
    }

    public AuditQuery tool(String tool) {
        return with("tool", tool);
    }

    /** ALLOW, DENY or SHADOW_DENY. */
    public AuditQuery decision(String decision) {
        return with("decision", decision);
    }

    /** Free text (case-insensitive substring of id, principal, server, method, tool, rule, reason). */
    public AuditQuery text(String q) {
        return with("q", q);
    }

    /** Page size, 1..1000 (default 50). */
    public AuditQuery limit(int limit) {
        return with("limit", Integer.toString(limit));
    }

    /** The {@code next} of the previous page. */
    public AuditQuery cursor(String cursor) {
        return with("cursor", cursor);
    }

    Map<String, String> toQuery() {
        return values;
    }

    Map<String, String> without(String... names) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        for (String name : names) {
            copy.remove(name);
        }
        return copy;
    }
}
