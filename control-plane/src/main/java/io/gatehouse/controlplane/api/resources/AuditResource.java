package io.gatehouse.controlplane.api.resources;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.api.Endpoints;
import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.audit.AuditQueryService;
import io.gatehouse.controlplane.audit.AuditService;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.auth.Permission;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.protocol.api.AuditEvent;
import io.gatehouse.protocol.api.AuditStats;
import io.gatehouse.protocol.api.AuditVerification;
import io.gatehouse.protocol.api.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * {@code /api/v1/audit}: the calls the data planes recorded. Events (filters + cursor paging), one event,
 * aggregates for charts, a streaming export (JSON Lines or CSV, never loaded whole) and the chain proof of a
 * range. {@code from}/{@code to} are ISO-8601 instants; the default range is the last 24 hours.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    private static final Set<String> DECISIONS = Set.of("ALLOW", "DENY", "SHADOW_DENY");
    private static final String CSV_HEADER = "id,time,agentId,recordId,principal,issuer,clientId,server,method,tool,"
            + "decision,ruleId,reason,bundleVersion,latencyMicros,upstreamStatus,argumentDigest,epoch,seq\n";

    private final AuditService audit;
    private final ObjectMapper json;

    public AuditResource(AuditService audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @GET
    @Path("events")
    @Requires(Permission.ACTIVITY_READ)
    public Page<AuditEvent> events(
            @Context SecurityContext security,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("principal") String principal,
            @QueryParam("server") String server,
            @QueryParam("tool") String tool,
            @QueryParam("decision") String decision,
            @QueryParam("q") String q,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Caller caller = Endpoints.caller(security);
        AuditQueryService.Filter filter = filter(from, to, principal, server, tool, decision, q);
        int size = limit(limit);
        try {
            return audit.list(caller.tenantId(), filter, size, blankToNull(cursor));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_CURSOR", e.getMessage());
        }
    }

    @GET
    @Path("events/{id}")
    @Requires(Permission.ACTIVITY_READ)
    public AuditEvent event(@Context SecurityContext security, @PathParam("id") String id) {
        Caller caller = Endpoints.caller(security);
        long eventId;
        try {
            eventId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("audit event");
        }
        AuditEvent event = audit.get(caller.tenantId(), eventId);
        if (event == null) {
            throw ApiException.notFound("audit event");
        }
        return event;
    }

    @GET
    @Path("stats")
    @Requires(Permission.ACTIVITY_READ)
    public AuditStats stats(
            @Context SecurityContext security,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("principal") String principal,
            @QueryParam("server") String server,
            @QueryParam("tool") String tool,
            @QueryParam("decision") String decision,
            @QueryParam("q") String q,
            @QueryParam("bucket") String bucket) {
        Caller caller = Endpoints.caller(security);
        AuditQueryService.Filter filter = filter(from, to, principal, server, tool, decision, q);
        long seconds = bucketSeconds(bucket, filter);
        return audit.stats(caller.tenantId(), filter, seconds);
    }

    @GET
    @Path("export")
    @Produces({"application/x-ndjson", "text/csv"})
    @Requires(Permission.ACTIVITY_READ)
    public Response export(
            @Context SecurityContext security,
            @QueryParam("format") String format,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("principal") String principal,
            @QueryParam("server") String server,
            @QueryParam("tool") String tool,
            @QueryParam("decision") String decision,
            @QueryParam("q") String q) {
        Caller caller = Endpoints.caller(security);
        String kind = format == null || format.isBlank() ? "jsonl" : format;
        if (!kind.equals("jsonl") && !kind.equals("csv")) {
            throw ApiException.badRequest("INVALID_FORMAT", "format: '" + kind + "' (expected: jsonl or csv)");
        }
        AuditQueryService.Filter filter = filter(from, to, principal, server, tool, decision, q);
        StreamingOutput body = out -> write(caller, filter, kind, out);
        return Response.ok(body, kind.equals("csv") ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit." + kind + "\"")
                .build();
    }

    private void write(Caller caller, AuditQueryService.Filter filter, String kind, OutputStream raw)
            throws IOException {
        OutputStream out = new BufferedOutputStream(raw, 64 * 1024);
        if (kind.equals("csv")) {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(CSV_HEADER);
            audit.export(caller.tenantId(), filter, 1000, event -> writer.write(csvRow(event)));
            writer.flush();
        } else {
            JsonGenerator generator = json.getFactory().createGenerator(out);
            generator.setRootValueSeparator(null);
            com.fasterxml.jackson.databind.ObjectWriter writer =
                    json.writer().without(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
            audit.export(caller.tenantId(), filter, 1000, event -> {
                writer.writeValue(generator, event);
                generator.writeRaw('\n');
            });
            generator.flush();
        }
        out.flush();
    }

    static String csvRow(AuditEvent e) {
        StringBuilder row = new StringBuilder(256);
        Object[] cells = {
            e.id(),
            e.time(),
            e.agentId(),
            e.recordId(),
            e.principal(),
            e.issuer(),
            e.clientId(),
            e.server(),
            e.method(),
            e.tool(),
            e.decision(),
            e.ruleId(),
            e.reason(),
            e.bundleVersion(),
            e.latencyMicros(),
            e.upstreamStatus(),
            e.argumentDigest(),
            e.epoch(),
            e.seq()
        };
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(csvCell(cells[i]));
        }
        return row.append('\n').toString();
    }

    /** RFC 4180 quoting; a leading formula character is neutralised so a spreadsheet does not execute it. */
    public static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    @GET
    @Path("verify")
    @Requires(Permission.ACTIVITY_READ)
    public AuditVerification verify(
            @Context SecurityContext security, @QueryParam("from") String from, @QueryParam("to") String to) {
        Caller caller = Endpoints.caller(security);
        AuditQueryService.Filter range = filter(from, to, null, null, null, null, null);
        return audit.verify(caller.tenantId(), range.from(), range.to());
    }

    private static AuditQueryService.Filter filter(
            String from, String to, String principal, String server, String tool, String decision, String q) {
        Instant end = instant("to", to, Instant.now());
        Instant start = instant("from", from, end.minus(Duration.ofHours(24)));
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("INVALID_RANGE", "from: " + start + " must be before to: " + end);
        }
        String d = blankToNull(decision);
        if (d != null && !DECISIONS.contains(d)) {
            throw ApiException.badRequest(
                    "INVALID_DECISION", "decision: '" + d + "' (expected: ALLOW, DENY or SHADOW_DENY)");
        }
        String text = blankToNull(q);
        if (text != null && text.length() > 200) {
            throw ApiException.badRequest("INVALID_QUERY", "q: " + text.length() + " characters (expected: <= 200)");
        }
        return new AuditQueryService.Filter(
                start, end, blankToNull(principal), blankToNull(server), blankToNull(tool), d, text);
    }

    private static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "INVALID_TIME",
                    name + ": '" + value + "' (expected: an ISO-8601 instant like 2026-11-24T05:00:00Z)");
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 50;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= AuditQueryService.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest(
                "INVALID_LIMIT", "limit: '" + limit + "' (expected: 1.." + AuditQueryService.MAX_LIMIT + ")");
    }

    private static long bucketSeconds(String bucket, AuditQueryService.Filter filter) {
        if (bucket == null || bucket.isBlank()) {
            long span = Duration.between(filter.from(), filter.to()).toSeconds();
            return Math.max(60, span / 100); // about 100 points per chart
        }
        try {
            long seconds = Duration.parse("PT" + bucket.trim().toUpperCase(java.util.Locale.ROOT))
                    .toSeconds();
            if (seconds >= 1 && seconds <= 31 * 86_400L) {
                return seconds;
            }
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        throw ApiException.badRequest("INVALID_BUCKET", "bucket: '" + bucket + "' (expected: e.g. 30s, 5m, 1h)");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
