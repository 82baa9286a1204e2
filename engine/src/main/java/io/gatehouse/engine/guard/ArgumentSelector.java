package io.gatehouse.engine.guard;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the tool argument a guard checks: a top-level argument name ({@code path}) or an RFC 6901
 * JSON Pointer ({@code /options/target}, {@code /files/0}). A selector starting with {@code /} is a
 * pointer; anything else is a name taken literally (so {@code a/b} cannot be written as a name —
 * use the pointer {@code /a~1b}). Parsed once; {@link #select(JsonNode)} walks the tree without
 * parsing. Immutable and thread-safe.
 */
public final class ArgumentSelector {

    private final String expression;
    private final String[] tokens;

    private ArgumentSelector(String expression, String[] tokens) {
        this.expression = expression;
        this.tokens = tokens;
    }

    /**
     * Parses a selector.
     *
     * @throws IllegalArgumentException for an empty selector, the whole-document pointer {@code ""},
     *     or a pointer with an invalid escape ({@code ~} not followed by {@code 0} or {@code 1})
     */
    public static ArgumentSelector parse(String selector) {
        requireNonNull(selector, "selector");
        if (selector.isEmpty()) {
            throw new IllegalArgumentException(
                    "argument selector: empty (expected: an argument name or a JSON Pointer such as /options/path)");
        }
        if (!selector.startsWith("/")) {
            return new ArgumentSelector(selector, new String[] {selector});
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : selector.substring(1).split("/", -1)) {
            StringBuilder token = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '~') {
                    char next = i + 1 < raw.length() ? raw.charAt(i + 1) : '\0';
                    if (next == '0') {
                        token.append('~');
                    } else if (next == '1') {
                        token.append('/');
                    } else {
                        throw new IllegalArgumentException("argument selector: '" + selector
                                + "' has '~' not followed by 0 or 1 (RFC 6901: write ~0 for '~' and ~1 for '/')");
                    }
                    i++;
                } else {
                    token.append(c);
                }
            }
            tokens.add(token.toString());
        }
        return new ArgumentSelector(selector, tokens.toArray(String[]::new));
    }

    /**
     * The node the selector names inside {@code arguments}, or {@code null} when any step is
     * missing. An array step must be a decimal index without leading zeros; {@code -} (the "end"
     * of an array in RFC 6901) never selects anything.
     */
    public JsonNode select(JsonNode arguments) {
        JsonNode node = arguments;
        for (String token : tokens) {
            if (node == null) {
                return null;
            }
            if (node.isObject()) {
                node = node.get(token);
            } else if (node.isArray()) {
                int index = arrayIndex(token);
                node = index < 0 ? null : node.get(index);
            } else {
                return null;
            }
        }
        return node;
    }

    /** The selector as written, for messages and audit. */
    public String expression() {
        return expression;
    }

    private static int arrayIndex(String token) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(token);
    }

    @Override
    public String toString() {
        return "ArgumentSelector[" + expression + "]";
    }
}
