package io.gatehouse.engine.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.protocol.tools.JsonPointers;
import io.gatehouse.protocol.tools.ToolDefinition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Scans tool definitions for poisoning (hidden instructions in names, titles, descriptions, every string and
 * member name inside the input and output schemas and the annotations) and tool results for injection
 * markers (every string and member name of a {@code tools/call} result, except the base64 {@code data} or
 * {@code blob} of an object that has a {@code mimeType}, i.e. image, audio and blob resource content). Text is normalised first ({@link TextNormalizer}). Each finding has a
 * severity that depends on the {@link ScanTarget} and an action: by default a HIGH finding in a definition
 * blocks (the tool is hidden), everything else is flagged; {@link #withAction} overrides per id and target.
 * At most {@value #MAX_DEFINITION_CHARS} characters of a definition and {@value #MAX_RESULT_CHARS} of a result
 * are scanned (worst-case adversarial text costs about 1–2 s per MiB on a cold JVM, typical results are a few
 * KiB); beyond that a {@code SCAN_TRUNCATED} finding is reported, HIGH and blocking for definitions (no
 * legitimate definition is that large), LOW for results. Immutable and thread-safe.
 */
public final class PoisoningScanner {

    /** Upper bound of characters scanned per definition. */
    public static final int MAX_DEFINITION_CHARS = 256 * 1024;

    /** Upper bound of characters scanned per result. */
    public static final int MAX_RESULT_CHARS = 1024 * 1024;

    private final Map<ScanTarget, Map<FindingId, ScanAction>> overrides;

    private PoisoningScanner(Map<ScanTarget, Map<FindingId, ScanAction>> overrides) {
        this.overrides = overrides;
    }

    /** The default rules and actions. */
    public static PoisoningScanner defaults() {
        return new PoisoningScanner(Map.of(ScanTarget.DEFINITION, Map.of(), ScanTarget.RESULT, Map.of()));
    }

    /** A copy whose findings with {@code id} in {@code target} get {@code action}. */
    public PoisoningScanner withAction(ScanTarget target, FindingId id, ScanAction action) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Map<ScanTarget, Map<FindingId, ScanAction>> copy = new EnumMap<>(ScanTarget.class);
        for (ScanTarget t : ScanTarget.values()) {
            Map<FindingId, ScanAction> actions = new EnumMap<>(FindingId.class);
            actions.putAll(overrides.get(t));
            if (t == target) {
                actions.put(id, action);
            }
            copy.put(t, Map.copyOf(actions));
        }
        return new PoisoningScanner(Map.copyOf(copy));
    }

    /** The action a finding gets. */
    public ScanAction action(ScanTarget target, FindingId id, Severity severity) {
        ScanAction configured = overrides.get(target).get(id);
        if (configured != null) {
            return configured;
        }
        return target == ScanTarget.DEFINITION && severity == Severity.HIGH ? ScanAction.BLOCK : ScanAction.FLAG;
    }

    /** Scans a tool definition's model-visible fields; pointers are relative to the tool object. */
    public ScanReport scanDefinition(ToolDefinition tool) {
        Objects.requireNonNull(tool, "tool");
        Scan scan = new Scan(ScanTarget.DEFINITION, tool.name());
        scan.text(tool.name(), "/name");
        if (tool.title() != null) {
            scan.text(tool.title(), "/title");
        }
        if (tool.description() != null) {
            scan.text(tool.description(), "/description");
        }
        scan.tree(tool.inputSchema(), "/inputSchema", false);
        if (tool.outputSchema() != null) {
            scan.tree(tool.outputSchema(), "/outputSchema", false);
        }
        if (tool.annotations() != null) {
            scan.tree(tool.annotations(), "/annotations", false);
        }
        return scan.report();
    }

    /** Scans the {@code result} of a {@code tools/call} response; pointers are relative to the result. */
    public ScanReport scanResult(String toolName, JsonNode result) {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(result, "result");
        Scan scan = new Scan(ScanTarget.RESULT, toolName);
        scan.tree(result, "", true);
        return scan.report();
    }

    private final class Scan {
        private final ScanTarget target;
        private final String tool;
        private final Map<String, Finding> findings = new LinkedHashMap<>();
        private long budget;
        private boolean truncated;

        Scan(ScanTarget target, String tool) {
            this.target = target;
            this.tool = tool;
            this.budget = target == ScanTarget.DEFINITION ? MAX_DEFINITION_CHARS : MAX_RESULT_CHARS;
        }

        void tree(JsonNode node, String pointer, boolean skipPayloads) {
            if (node.isTextual()) {
                text(node.textValue(), pointer);
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    tree(node.get(i), pointer + "/" + i, skipPayloads);
                }
            } else if (node.isObject()) {
                boolean binary = skipPayloads && node.has("mimeType");
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    String child = pointer + "/" + JsonPointers.escape(member.getKey());
                    text(member.getKey(), child);
                    if (binary && isBinaryPayload(member.getKey())) {
                        continue;
                    }
                    tree(member.getValue(), child, skipPayloads);
                }
            }
        }

        void text(String raw, String pointer) {
            if (raw.isEmpty()) {
                return;
            }
            if (budget <= 0) {
                truncated = true;
                return;
            }
            String scanned = raw;
            if (raw.length() > budget) {
                scanned = raw.substring(0, (int) budget);
                truncated = true;
            }
            budget -= scanned.length();
            TextNormalizer.Normalized normalized = TextNormalizer.normalize(scanned);
            unicodeFindings(normalized, pointer);
            for (PoisoningRule rule : PoisoningRule.DEFAULTS) {
                if (rule.pattern().matcher(normalized.text()).find()) {
                    add(rule.id(), rule.severity(target), pointer);
                }
            }
        }

        private void unicodeFindings(TextNormalizer.Normalized text, String pointer) {
            boolean definition = target == ScanTarget.DEFINITION;
            if (text.tagCharacters() > 0) {
                add(FindingId.INVISIBLE_UNICODE, Severity.HIGH, pointer);
            } else if (text.invisible() > 0) {
                Severity severity =
                        definition ? (text.invisible() >= 3 ? Severity.HIGH : Severity.MEDIUM) : Severity.LOW;
                add(FindingId.INVISIBLE_UNICODE, severity, pointer);
            }
            if (text.bidiControls() > 0) {
                add(FindingId.BIDI_CONTROL, definition ? Severity.HIGH : Severity.MEDIUM, pointer);
            } else if (text.bidiMarks() > 0 && definition) {
                add(FindingId.BIDI_CONTROL, Severity.LOW, pointer);
            }
        }

        private void add(FindingId id, Severity severity, String pointer) {
            String key = id + "\u0000" + pointer;
            Finding existing = findings.get(key);
            if (existing == null || existing.severity().compareTo(severity) < 0) {
                findings.put(key, new Finding(id, severity, action(target, id, severity), tool, pointer));
            }
        }

        ScanReport report() {
            if (truncated) {
                Severity severity = target == ScanTarget.DEFINITION ? Severity.HIGH : Severity.LOW;
                add(FindingId.SCAN_TRUNCATED, severity, "");
            }
            return new ScanReport(new ArrayList<>(findings.values()));
        }
    }

    private static boolean isBinaryPayload(String name) {
        return name.equals("data") || name.equals("blob");
    }
}
