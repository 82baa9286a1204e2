package io.gatehouse.controlplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.protocol.api.AuditEvent;
import io.gatehouse.protocol.api.AuditFinding;
import io.gatehouse.protocol.api.AuditStats;
import io.gatehouse.protocol.api.Page;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads stored audit events on a tenant-scoped JDBC connection (row-level security applies): filtered, cursor
 * paged listing, one event, aggregates for charts, and a row-by-row cursor for export.
 */
public final class AuditQueryService {

    /** Largest page. */
    public static final int MAX_LIMIT = 1000;

    static final String COLUMNS = "event_id, time, record_id, agent_id, epoch, seq, principal_subject,"
            + " principal_issuer, client_id, server, method, tool, argument_digest, redacted_arguments::text,"
            + " decision, rule_id, reason, bundle_version, latency_micros, upstream_status, findings::text";

    private final ObjectMapper json;

    public AuditQueryService(ObjectMapper json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * Filters of a query; every value is bound, never spliced.
     *
     * @param from inclusive lower bound of {@code time}
     * @param to exclusive upper bound
     * @param decision ALLOW, DENY or SHADOW_DENY, or null
     * @param q free text: case-insensitive substring of record id, principal, server, method, tool, rule or reason
     */
    public record Filter(
            Instant from, Instant to, String principal, String server, String tool, String decision, String q) {

        public Filter {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    private record Where(String sql, List<Object> values) {}

    private static Where where(Filter f) {
        StringBuilder sql = new StringBuilder(" WHERE time >= ? AND time < ?");
        List<Object> values = new ArrayList<>(List.of(Timestamp.from(f.from()), Timestamp.from(f.to())));
        if (f.principal() != null) {
            sql.append(" AND principal_subject = ?");
            values.add(f.principal());
        }
        if (f.server() != null) {
            sql.append(" AND server = ?");
            values.add(f.server());
        }
        if (f.tool() != null) {
            sql.append(" AND tool = ?");
            values.add(f.tool());
        }
        if (f.decision() != null) {
            sql.append(" AND decision = ?");
            values.add(f.decision());
        }
        if (f.q() != null) {
            String like = "%" + f.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" AND (record_id ILIKE ? OR principal_subject ILIKE ? OR server ILIKE ? OR method ILIKE ?"
                    + " OR tool ILIKE ? OR rule_id ILIKE ? OR reason ILIKE ?)");
            for (int i = 0; i < 7; i++) {
                values.add(like);
            }
        }
        return new Where(sql.toString(), values);
    }

    private static void bind(PreparedStatement s, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            s.setObject(i + 1, values.get(i));
        }
    }

    /** Newest first; {@code cursor} is the {@code next} of the previous page. */
    public Page<AuditEvent> list(Connection c, Filter filter, int limit, String cursor) throws SQLException {
        Where where = where(filter);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_events" + where.sql());
        List<Object> values = new ArrayList<>(where.values());
        if (cursor != null) {
            long[] position = decodeCursor(cursor);
            sql.append(" AND (time, event_id) < (?, ?)");
            values.add(Timestamp.from(Instant.EPOCH.plusNanos(position[0] * 1000)));
            values.add(position[1]);
        }
        sql.append(" ORDER BY time DESC, event_id DESC LIMIT ?");
        values.add(limit + 1);
        List<AuditEvent> events = new ArrayList<>();
        long lastMicros = 0;
        long lastId = 0;
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(s, values);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (events.size() == limit) {
                        return new Page<>(events, encodeCursor(lastMicros, lastId));
                    }
                    AuditEvent event = event(rs);
                    events.add(event);
                    Timestamp t = rs.getTimestamp(2);
                    lastMicros = t.getTime() / 1000 * 1_000_000 + (t.getNanos() / 1000) % 1_000_000;
                    lastId = rs.getLong(1);
                }
            }
        }
        return new Page<>(events, null);
    }

    /** One event by id, or null. */
    public AuditEvent get(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_events WHERE event_id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? event(rs) : null;
            }
        }
    }

    /** Counts by decision, the top tools, and per time bucket. */
    public AuditStats stats(Connection c, Filter filter, long bucketSeconds, int topTools) throws SQLException {
        Where where = where(filter);
        Map<String, Long> byDecision = new LinkedHashMap<>();
        long total = 0;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT decision, count(*) FROM audit_events" + where.sql() + " GROUP BY decision ORDER BY decision")) {
            bind(s, where.values());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byDecision.put(rs.getString(1), rs.getLong(2));
                    total += rs.getLong(2);
                }
            }
        }
        List<AuditStats.Count> byTool = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce(tool, '-') AS t, count(*) AS n FROM audit_events"
                + where.sql() + " GROUP BY t ORDER BY n DESC, t LIMIT ?")) {
            List<Object> values = new ArrayList<>(where.values());
            values.add(topTools);
            bind(s, values);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byTool.add(new AuditStats.Count(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        Map<Long, AuditStats.Bucket> buckets = new LinkedHashMap<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT floor(extract(epoch FROM time) / ?)::bigint AS b, decision,"
                        + " count(*) FROM audit_events" + where.sql() + " GROUP BY b, decision ORDER BY b, decision")) {
            List<Object> values = new ArrayList<>();
            values.add(bucketSeconds);
            values.addAll(where.values());
            bind(s, values);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long b = rs.getLong(1);
                    AuditStats.Bucket bucket = buckets.computeIfAbsent(
                            b,
                            k -> new AuditStats.Bucket(
                                    Instant.ofEpochSecond(k * bucketSeconds), 0, new LinkedHashMap<>()));
                    bucket.counts().put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        List<AuditStats.Bucket> list = new ArrayList<>();
        for (AuditStats.Bucket b : buckets.values()) {
            long sum = b.counts().values().stream().mapToLong(Long::longValue).sum();
            list.add(new AuditStats.Bucket(b.start(), sum, Map.copyOf(b.counts())));
        }
        return new AuditStats(filter.from(), filter.to(), bucketSeconds, total, byDecision, byTool, list);
    }

    /** Receives exported rows one by one. */
    @FunctionalInterface
    public interface RowSink {
        void row(AuditEvent event) throws java.io.IOException;
    }

    /**
     * Streams every matching event, oldest first, through a server-side cursor ({@code fetchSize} rows at a time;
     * the connection must be in a transaction, which a tenant transaction is): memory stays bounded whatever the
     * range holds.
     */
    public long export(Connection c, Filter filter, int fetchSize, RowSink sink)
            throws SQLException, java.io.IOException {
        Where where = where(filter);
        long n = 0;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM audit_events" + where.sql() + " ORDER BY time, event_id",
                ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(fetchSize);
            bind(s, where.values());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.row(event(rs));
                    n++;
                }
            }
        }
        return n;
    }

    private AuditEvent event(ResultSet rs) throws SQLException {
        String args = rs.getString(14);
        String findingsText = rs.getString(21);
        List<AuditFinding> findings = new ArrayList<>();
        JsonNode redacted = null;
        try {
            if (args != null) {
                redacted = json.readTree(args);
            }
            if (findingsText != null && !findingsText.equals("[]")) {
                for (JsonNode f : json.readTree(findingsText)) {
                    findings.add(new AuditFinding(
                            f.path("kind").asText(),
                            f.path("detector").asText(),
                            f.hasNonNull("detail") ? f.get("detail").asText() : null));
                }
            }
        } catch (java.io.IOException e) {
            throw new SQLException("stored JSON of event " + rs.getLong(1) + " is unreadable", e);
        }
        int status = rs.getInt(20);
        Integer upstreamStatus = rs.wasNull() ? null : status;
        return new AuditEvent(
                Long.toString(rs.getLong(1)),
                rs.getTimestamp(2).toInstant(),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                redacted,
                rs.getString(15),
                rs.getString(16),
                rs.getString(17),
                rs.getLong(18),
                rs.getLong(19),
                upstreamStatus,
                findings);
    }

    static String encodeCursor(long micros, long id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException for a cursor this service did not issue */
    static long[] decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            return new long[] {Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1))};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cursor: not a cursor returned by this API");
        }
    }
}
