package io.gatehouse.console.ui.watch;

import io.gatehouse.sdk.AuditQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit explorer's filters as the user set them, and the API query they mean. A custom from/to (UTC) wins over
 * the preset range. Pure, unit-tested.
 */
public record AuditFilter(
        Range range,
        LocalDateTime from,
        LocalDateTime to,
        String principal,
        String server,
        String tool,
        String decision,
        String text) {

    /** Preset time ranges ending now. */
    public enum Range {
        HOUR("Last hour", Duration.ofHours(1)),
        DAY("Last 24 hours", Duration.ofHours(24)),
        WEEK("Last 7 days", Duration.ofDays(7)),
        MONTH("Last 30 days", Duration.ofDays(30));

        private final String label;
        private final Duration length;

        Range(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        public String label() {
            return label;
        }

        public Duration length() {
            return length;
        }
    }

    public AuditFilter {
        range = range == null ? Range.DAY : range;
    }

    public static AuditFilter of(Range range) {
        return new AuditFilter(range, null, null, null, null, null, null, null);
    }

    /** Start of the range. */
    public Instant start(Instant now) {
        return from != null ? from.toInstant(ZoneOffset.UTC) : now.minus(range.length());
    }

    /** End of the range (exclusive). */
    public Instant end(Instant now) {
        return to != null ? to.toInstant(ZoneOffset.UTC) : now;
    }

    /** The API's query parameters, in a stable order; blank filters are left out. */
    public Map<String, String> parameters(Instant now) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("from", start(now).toString());
        if (to != null) {
            p.put("to", end(now).toString());
        }
        put(p, "principal", principal);
        put(p, "server", server);
        put(p, "tool", tool);
        put(p, "decision", decision);
        put(p, "q", text);
        return p;
    }

    /** The SDK query for {@link #parameters}. */
    public AuditQuery query(Instant now) {
        AuditQuery q = AuditQuery.create();
        for (Map.Entry<String, String> e : parameters(now).entrySet()) {
            q = switch (e.getKey()) {
                case "from" -> q.from(Instant.parse(e.getValue()));
                case "to" -> q.to(Instant.parse(e.getValue()));
                case "principal" -> q.principal(e.getValue());
                case "server" -> q.server(e.getValue());
                case "tool" -> q.tool(e.getValue());
                case "decision" -> q.decision(e.getValue());
                case "q" -> q.text(e.getValue());
                default -> throw new IllegalStateException("unknown audit filter " + e.getKey());
            };
        }
        return q;
    }

    /** A file name for an export of this range, e.g. {@code audit-20261124T0800Z.jsonl}. */
    public String exportName(Instant now, String extension) {
        String stamp = start(now).toString().replaceAll("[-:]", "").replaceAll("\\.\\d+", "");
        return "audit-" + stamp.substring(0, Math.min(stamp.length(), 13)) + "Z." + extension;
    }

    private static void put(Map<String, String> p, String key, String value) {
        if (value != null && !value.isBlank()) {
            p.put(key, value.trim());
        }
    }
}
