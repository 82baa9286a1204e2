package io.gatehouse.protocol.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.protocol.signing.CanonicalJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** JSON mapping of audit records and batches, and the validators they share. Strict in both directions. */
final class AuditJson {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,199}");
    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private static final Set<String> RECORD_MEMBERS = Set.of(
            "id",
            "time",
            "tenant",
            "agentId",
            "principal",
            "server",
            "method",
            "tool",
            "argumentDigest",
            "redactedArguments",
            "decision",
            "ruleId",
            "reason",
            "bundleVersion",
            "latencyMicros",
            "upstreamStatus",
            "findings");
    private static final Set<String> PRINCIPAL_MEMBERS = Set.of("subject", "issuer", "clientId");
    private static final Set<String> FINDING_MEMBERS = Set.of("kind", "detector", "detail");
    private static final Set<String> GAP_MEMBERS = Set.of("droppedRecords", "reason", "from", "to");

    private AuditJson() {}

    // ---- validators -------------------------------------------------------------------------------

    static void requireId(String name, String value) {
        requirePattern(name, value, ID.pattern());
    }

    static void requireKey(String name, String value) {
        if (value == null || !KEY.matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": '" + printable(value) + "' (expected: UPPER_SNAKE key)");
        }
    }

    static void requirePattern(String name, String value, String pattern) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": missing");
        }
        if (!PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": '" + printable(value) + "' (expected: " + pattern + ")");
        }
    }

    static void requireText(String name, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + ": missing");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                    name + ": " + value.length() + " characters (expected: <= " + maxLength + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(name + ": contains control characters");
            }
        }
    }

    static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }

    static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String cut = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    // ---- writing ----------------------------------------------------------------------------------

    static ObjectNode write(AuditRecord r) {
        ObjectNode node = CanonicalJson.object();
        node.put("id", r.id());
        node.put("time", r.time().toString());
        node.put("tenant", r.tenant());
        node.put("agentId", r.agentId());
        if (r.principal() != null) {
            ObjectNode p = node.putObject("principal");
            p.put("subject", r.principal().subject());
            p.put("issuer", r.principal().issuer());
            if (r.principal().clientId() != null) {
                p.put("clientId", r.principal().clientId());
            }
        }
        node.put("server", r.server());
        node.put("method", r.method());
        putIfPresent(node, "tool", r.tool());
        putIfPresent(node, "argumentDigest", r.argumentDigest());
        if (r.redactedArguments() != null) {
            node.set("redactedArguments", r.redactedArguments());
        }
        node.put("decision", r.decision().name());
        putIfPresent(node, "ruleId", r.ruleId());
        node.put("reason", r.reason());
        node.put("bundleVersion", r.bundleVersion());
        node.put("latencyMicros", r.latencyMicros());
        if (r.upstreamStatus() != null) {
            node.put("upstreamStatus", r.upstreamStatus().intValue());
        }
        ArrayNode findings = node.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode fn = findings.addObject();
            fn.put("kind", f.kind().name());
            fn.put("detector", f.detector());
            putIfPresent(fn, "detail", f.detail());
        }
        return node;
    }

    static ObjectNode write(AuditGap gap) {
        ObjectNode node = CanonicalJson.object();
        node.put("droppedRecords", gap.droppedRecords());
        node.put("reason", gap.reason());
        node.put("from", gap.from().toString());
        node.put("to", gap.to().toString());
        return node;
    }

    // ---- canonical writing without a tree -----------------------------------------------------------
    // The members below are written in RFC 8785 order (sorted by UTF-16 code units); the output is
    // byte-identical to CanonicalJson.bytes(write(...)), which AuditJsonCanonicalTest pins.

    /** Appends the canonical JSON of {@code r}: what {@code CanonicalJson.string(write(r))} returns. */
    static void writeCanonical(AuditRecord r, StringBuilder out) {
        out.append("{\"agentId\":");
        string(out, r.agentId(), "agentId");
        if (r.argumentDigest() != null) {
            out.append(",\"argumentDigest\":");
            string(out, r.argumentDigest(), "argumentDigest");
        }
        out.append(",\"bundleVersion\":").append(r.bundleVersion());
        out.append(",\"decision\":\"").append(r.decision().name()).append('"');
        out.append(",\"findings\":[");
        List<Finding> findings = r.findings();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            out.append(i == 0 ? "{" : ",{");
            if (f.detail() != null) {
                out.append("\"detail\":");
                string(out, f.detail(), "detail");
                out.append(',');
            }
            out.append("\"detector\":");
            string(out, f.detector(), "detector");
            out.append(",\"kind\":\"").append(f.kind().name()).append("\"}");
        }
        out.append("],\"id\":");
        string(out, r.id(), "id");
        out.append(",\"latencyMicros\":").append(r.latencyMicros());
        out.append(",\"method\":");
        string(out, r.method(), "method");
        Principal p = r.principal();
        if (p != null) {
            out.append(",\"principal\":{");
            if (p.clientId() != null) {
                out.append("\"clientId\":");
                string(out, p.clientId(), "principal.clientId");
                out.append(',');
            }
            out.append("\"issuer\":");
            string(out, p.issuer(), "principal.issuer");
            out.append(",\"subject\":");
            string(out, p.subject(), "principal.subject");
            out.append('}');
        }
        out.append(",\"reason\":");
        string(out, r.reason(), "reason");
        JsonNode redacted = r.redactedArgumentsView();
        if (redacted != null) {
            out.append(",\"redactedArguments\":").append(CanonicalJson.string(redacted));
        }
        if (r.ruleId() != null) {
            out.append(",\"ruleId\":");
            string(out, r.ruleId(), "ruleId");
        }
        out.append(",\"server\":");
        string(out, r.server(), "server");
        out.append(",\"tenant\":");
        string(out, r.tenant(), "tenant");
        out.append(",\"time\":\"").append(r.time()).append('"');
        if (r.tool() != null) {
            out.append(",\"tool\":");
            string(out, r.tool(), "tool");
        }
        if (r.upstreamStatus() != null) {
            out.append(",\"upstreamStatus\":").append(r.upstreamStatus().intValue());
        }
        out.append('}');
    }

    /** Appends the canonical JSON of {@code b}: what {@code CanonicalJson.string(b.toJson())} returns. */
    static void writeCanonical(AuditBatch b, StringBuilder out) {
        out.append("{\"agentId\":");
        string(out, b.agentId(), "agentId");
        out.append(",\"createdAt\":\"").append(b.createdAt()).append('"');
        out.append(",\"epoch\":").append(b.epoch());
        out.append(",\"format\":").append(AuditBatch.FORMAT);
        AuditGap gap = b.gap();
        if (gap != null) {
            out.append(",\"gap\":{\"droppedRecords\":").append(gap.droppedRecords());
            out.append(",\"from\":\"").append(gap.from()).append('"');
            out.append(",\"reason\":");
            string(out, gap.reason(), "gap.reason");
            out.append(",\"to\":\"").append(gap.to()).append("\"}");
        }
        out.append(",\"kind\":\"").append(b.kind().name()).append('"');
        out.append(",\"prevHash\":");
        string(out, b.prevHash(), "prevHash");
        out.append(",\"records\":[");
        List<AuditRecord> records = b.records();
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeCanonical(records.get(i), out);
        }
        out.append("],\"seq\":").append(b.seq());
        out.append(",\"tenant\":");
        string(out, b.tenant(), "tenant");
        out.append('}');
    }

    private static void string(StringBuilder out, String value, String path) {
        CanonicalJson.appendString(out, value, path);
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    // ---- reading ----------------------------------------------------------------------------------

    static AuditRecord readRecord(JsonNode node, String where) {
        only(node, where, RECORD_MEMBERS);
        JsonNode principalNode = node.get("principal");
        Principal principal = null;
        if (principalNode != null) {
            only(principalNode, where + ".principal", PRINCIPAL_MEMBERS);
            principal = new Principal(
                    text(principalNode, "subject"),
                    text(principalNode, "issuer"),
                    optionalText(principalNode, "clientId"));
        }
        JsonNode findingsNode = member(node, "findings");
        if (!findingsNode.isArray()) {
            throw new IllegalArgumentException(where + ".findings: expected an array");
        }
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < findingsNode.size(); i++) {
            JsonNode f = findingsNode.get(i);
            only(f, where + ".findings[" + i + "]", FINDING_MEMBERS);
            findings.add(new Finding(
                    enumValue(Finding.Kind.class, f, "kind"), text(f, "detector"), optionalText(f, "detail")));
        }
        JsonNode status = node.get("upstreamStatus");
        return new AuditRecord(
                text(node, "id"),
                instant(node, "time"),
                text(node, "tenant"),
                text(node, "agentId"),
                principal,
                text(node, "server"),
                text(node, "method"),
                optionalText(node, "tool"),
                optionalText(node, "argumentDigest"),
                node.get("redactedArguments"),
                enumValue(Decision.class, node, "decision"),
                optionalText(node, "ruleId"),
                text(node, "reason"),
                integer(node, "bundleVersion"),
                integer(node, "latencyMicros"),
                status == null ? null : Math.toIntExact(integer(node, "upstreamStatus")),
                findings);
    }

    static AuditGap readGap(JsonNode node, String where) {
        only(node, where, GAP_MEMBERS);
        return new AuditGap(
                integer(node, "droppedRecords"), text(node, "reason"), instant(node, "from"), instant(node, "to"));
    }

    static void only(JsonNode node, String where, Set<String> allowed) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object, found " + node.getNodeType());
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown member '" + printable(name) + "'");
            }
            if (node.get(name).isNull()) {
                throw new IllegalArgumentException(where + "." + name + ": null (leave absent values out)");
            }
        }
    }

    static JsonNode member(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(name + ": missing");
        }
        return value;
    }

    static String text(JsonNode node, String name) {
        JsonNode value = member(node, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + ": expected a string, found " + value.getNodeType());
        }
        return value.textValue();
    }

    static String optionalText(JsonNode node, String name) {
        return node.has(name) ? text(node, name) : null;
    }

    static long integer(JsonNode node, String name) {
        JsonNode value = member(node, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(name + ": expected an integer, found " + value.getNodeType());
        }
        return value.longValue();
    }

    /** Instants travel as ISO-8601 UTC strings exactly as {@link Instant#toString()} writes them. */
    static Instant instant(JsonNode node, String name) {
        String text = text(node, name);
        Instant value;
        try {
            value = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": '" + printable(text) + "' is not an ISO-8601 UTC instant");
        }
        if (!value.toString().equals(text)) {
            throw new IllegalArgumentException(
                    name + ": '" + printable(text) + "' is not in canonical form ('" + value + "')");
        }
        return value;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String name) {
        String text = text(node, name);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(name + ": '" + printable(text) + "' (expected one of "
                + java.util.Arrays.toString(type.getEnumConstants()) + ")");
    }
}
