package io.gatehouse.engine.redaction;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gatehouse.protocol.bundle.RedactionRule;
import io.gatehouse.protocol.bundle.RedactionRule.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The redaction engine of one bundle: compiled once from its {@link RedactionRule}s, then applied to tool
 * arguments ({@link Direction#REQUEST}) and results ({@link Direction#RESPONSE}). Immutable and thread-safe.
 *
 * <p>Masking renders {@code [REDACTED:<detector>]}; hashing renders {@code [HASH:<detector>:<hex>]}, the hex
 * being a truncated HMAC-SHA-256 of the value under the per-agent key, stable for correlation; blocking masks
 * too and sets {@code blocked}, so the caller refuses the call or withholds the result. Overlapping matches
 * merge into one redaction with the strongest action (block, then hash, then mask).
 */
public final class Redactor {

    /** Most tenant patterns in one bundle: every string is scanned once per pattern. */
    public static final int MAX_TENANT_PATTERNS = 128;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<CompiledRule> requestRules;
    private final List<CompiledRule> responseRules;
    private final SpanRewriter rewriter;
    private final boolean redactKeys;

    private Redactor(List<CompiledRule> rules, SpanRewriter rewriter, boolean redactKeys) {
        this.requestRules =
                rules.stream().filter(r -> r.appliesTo(Direction.REQUEST)).toList();
        this.responseRules =
                rules.stream().filter(r -> r.appliesTo(Direction.RESPONSE)).toList();
        this.rewriter = rewriter;
        this.redactKeys = redactKeys;
    }

    /**
     * Options of a redactor.
     *
     * @param redactKeys also redact JSON member names (off: member names are only scanned so that finding
     *     pointers never reveal a value)
     * @param hashHexChars length of the rendered hash, 8 to 64 hex characters
     */
    public record Options(boolean redactKeys, int hashHexChars) {
        public static final Options DEFAULTS = new Options(false, 16);

        public Options {
            if (hashHexChars < 8 || hashHexChars > 64) {
                throw new RedactionConfigException("hashHexChars: " + hashHexChars + " (expected 8..64)");
            }
        }
    }

    /** Compiles the rules with {@link Options#DEFAULTS}. */
    public static Redactor compile(List<RedactionRule> rules, byte[] hashKey) {
        return compile(rules, hashKey, Options.DEFAULTS);
    }

    /**
     * Compiles the rules of a bundle.
     *
     * @param hashKey the per-agent HMAC key of the {@code hash} action, at least 16 bytes (copied)
     * @throws RedactionConfigException on an unknown detector id, a rejected tenant pattern or a short key
     */
    public static Redactor compile(List<RedactionRule> rules, byte[] hashKey, Options options) {
        requireNonNull(rules, "rules");
        requireNonNull(hashKey, "hashKey");
        requireNonNull(options, "options");
        if (hashKey.length < 16) {
            throw new RedactionConfigException("hashKey: " + hashKey.length + " bytes (expected >= 16)");
        }
        int patterns = rules.stream().mapToInt(r -> r.patterns().size()).sum();
        if (patterns > MAX_TENANT_PATTERNS) {
            throw new RedactionConfigException(
                    "rules: " + patterns + " tenant patterns (expected <= " + MAX_TENANT_PATTERNS + ")");
        }
        List<CompiledRule> compiled = new ArrayList<>(rules.size());
        for (RedactionRule rule : rules) {
            requireNonNull(rule, "rules[]");
            List<Detector> detectors = new ArrayList<>();
            for (String id : rule.detectors()) {
                try {
                    detectors.add(Detectors.byId(id));
                } catch (RedactionConfigException e) {
                    throw new RedactionConfigException("rule " + rule.id() + ": " + e.getMessage());
                }
            }
            for (int i = 0; i < rule.patterns().size(); i++) {
                detectors.add(TenantPatternDetector.compile(
                        "pattern:" + rule.id(),
                        "rule " + rule.id() + " patterns[" + i + "]",
                        rule.patterns().get(i)));
            }
            compiled.add(new CompiledRule(
                    rule.id(),
                    rule.direction(),
                    rule.action(),
                    List.copyOf(detectors),
                    rule.patterns().isEmpty() ? Detectors.MIN_MATCH_LENGTH : 1));
        }
        return new Redactor(
                compiled,
                new SpanRewriter(Arrays.copyOf(hashKey, hashKey.length), options.hashHexChars()),
                options.redactKeys());
    }

    /**
     * Checks one tenant pattern as {@link #compile} would (RE2 syntax, size limits, not matching the empty
     * string), so an API can refuse it when it is stored rather than when a bundle is applied.
     *
     * @param where names the pattern in the message, e.g. {@code patterns[2]}
     * @throws RedactionConfigException naming {@code where} and the reason
     */
    public static void validatePattern(String where, String regex) {
        requireNonNull(where, "where");
        requireNonNull(regex, "regex");
        TenantPatternDetector.compile("pattern:check", where, regex);
    }

    /** Whether any rule applies in this direction (if not, callers may skip parsing bodies). */
    public boolean appliesTo(Direction direction) {
        return !rules(direction).isEmpty();
    }

    /**
     * Redacts every string of a JSON value, at any depth (and member names when configured). Integral numbers
     * are scanned as their decimal text (a card number sent as a number); a redacted number becomes a string.
     *
     * @param direction {@code REQUEST} for tool arguments, {@code RESPONSE} for results
     */
    public Redaction redact(JsonNode value, Direction direction) {
        requireNonNull(value, "value");
        List<CompiledRule> rules = rules(direction);
        List<Finding> findings = new ArrayList<>();
        JsonNode out = rules.isEmpty() ? value : walk(value, Pointer.ROOT, null, rules, findings);
        return new Redaction(out, findings, Redaction.firstBlock(findings).isPresent());
    }

    /**
     * Redacts a serialized JSON value (UTF-8) to serialized JSON, without building a tree: the same findings and
     * the same rewritten strings as {@link #redact} on the parsed value, with the original formatting of numbers
     * and member order kept. When nothing matched, {@code json} itself is returned (no copy).
     *
     * @throws JsonProcessingException when {@code json} is not well-formed JSON
     */
    public BytesRedaction redactBytes(byte[] json, Direction direction) throws JsonProcessingException {
        requireNonNull(json, "json");
        List<CompiledRule> rules = rules(direction);
        if (rules.isEmpty()) {
            return new BytesRedaction(json, List.of(), false);
        }
        List<Finding> findings = new ArrayList<>();
        byte[] out;
        try {
            if (redactKeys) {
                Redaction tree = redact(JSON.readTree(json), direction);
                return new BytesRedaction(
                        tree.changed() ? JSON.writeValueAsBytes(tree.value()) : json, tree.findings(), tree.blocked());
            }
            out = JsonStreamRedaction.redact(json, rewriter, rules, findings);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading an in-memory array failed", e);
        }
        return new BytesRedaction(out, findings, Redaction.firstBlock(findings).isPresent());
    }

    /** Redacts plain text, e.g. an SSE {@code data:} payload that is not JSON; findings have pointer "". */
    public TextRedaction redactText(String text, Direction direction) {
        requireNonNull(text, "text");
        List<CompiledRule> rules = rules(direction);
        List<Finding> findings = new ArrayList<>();
        String out = rules.isEmpty() ? text : rewriter.rewrite(text, null, Pointer.ROOT, false, rules, findings);
        return new TextRedaction(out, findings, Redaction.firstBlock(findings).isPresent());
    }

    /**
     * Redacts one SSE event's {@code data} payload: as JSON (re-serialized compactly) when it parses as a JSON
     * object or array, otherwise as text. Each event is handled on its own; nothing is buffered across events.
     */
    public TextRedaction redactEventData(String data, Direction direction) {
        requireNonNull(data, "data");
        String trimmed = data.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            JsonNode tree;
            try {
                tree = JSON.readTree(data);
            } catch (JsonProcessingException e) {
                return redactText(data, direction);
            }
            Redaction r = redact(tree, direction);
            if (!r.changed()) {
                return new TextRedaction(data, List.of(), false);
            }
            try {
                return new TextRedaction(JSON.writeValueAsString(r.value()), r.findings(), r.blocked());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("re-serializing a parsed tree failed", e);
            }
        }
        return redactText(data, direction);
    }

    private List<CompiledRule> rules(Direction direction) {
        requireNonNull(direction, "direction");
        return switch (direction) {
            case REQUEST -> requestRules;
            case RESPONSE -> responseRules;
            case BOTH -> throw new IllegalArgumentException("direction: BOTH (expected REQUEST or RESPONSE)");
        };
    }

    private JsonNode walk(JsonNode node, Pointer pointer, String field, List<CompiledRule> rules, List<Finding> out) {
        if (node.isTextual()) {
            String s = node.textValue();
            String r = rewriter.rewrite(s, field, pointer, false, rules, out);
            return r == s ? node : TextNode.valueOf(r);
        }
        if (node.isIntegralNumber()) {
            // A card or phone number sent as a JSON number must not slip through; if redacted it becomes a string.
            String s = node.asText();
            String r = rewriter.rewrite(s, field, pointer, false, rules, out);
            return r == s ? node : TextNode.valueOf(r);
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode child = node.get(i);
                JsonNode r = walk(child, pointer.index(i), field, rules, out);
                if (r != child && copy == null) {
                    copy = JsonNodeFactory.instance.arrayNode(node.size());
                    for (int j = 0; j < i; j++) {
                        copy.add(node.get(j));
                    }
                }
                if (copy != null) {
                    copy.add(r);
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isObject()) {
            // copied only from the first member that changes; unchanged subtrees are shared
            Map<String, JsonNode> copy = null;
            int index = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); index++) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                // member names are always scanned, so a pointer never reveals a value; findings only with redactKeys
                String safeKey = rewriter.rewrite(key, null, pointer, true, rules, redactKeys ? out : null);
                JsonNode r = walk(e.getValue(), pointer.member(safeKey), key, rules, out);
                String outKey = redactKeys ? safeKey : key;
                if (copy == null && (r != e.getValue() || !outKey.equals(key))) {
                    copy = new LinkedHashMap<>();
                    int j = 0;
                    for (Iterator<Map.Entry<String, JsonNode>> before = node.fields(); j < index; j++) {
                        Map.Entry<String, JsonNode> b = before.next();
                        copy.put(b.getKey(), b.getValue()); // unchanged members: their names are unchanged too
                    }
                }
                if (copy != null) {
                    copy.put(redactKeys ? unique(outKey, copy) : outKey, r);
                }
            }
            if (copy == null) {
                return node;
            }
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            copy.forEach(object::set);
            return object;
        }
        return node;
    }

    /** Two member names masked to the same text stay distinct members. */
    private static String unique(String key, Map<String, JsonNode> members) {
        String k = key;
        for (int n = 2; members.containsKey(k); n++) {
            k = key + "#" + n;
        }
        return k;
    }

    /**
     * @param minLength no detector of the rule matches in a shorter string (built-ins only:
     *     {@link Detectors#MIN_MATCH_LENGTH}; with tenant patterns: 1)
     */
    record CompiledRule(
            String id, Direction direction, RedactionRule.Action action, List<Detector> detectors, int minLength) {
        boolean appliesTo(Direction d) {
            return direction == Direction.BOTH || direction == d;
        }
    }
}
