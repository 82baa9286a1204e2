package io.gatehouse.engine.match;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A precompiled name pattern for tool names, methods and similar flat identifiers.
 *
 * <ul>
 *   <li>{@code *} matches any run of characters, including none and including {@code .}/{@code _};
 *   <li>{@code ?} matches exactly one character;
 *   <li>{@code \} escapes the next character ({@code \*} is a literal star);
 *   <li>everything else is literal; matching is case-sensitive unless compiled otherwise (MCP tool
 *       names are case-sensitive).
 * </ul>
 *
 * <p>The pattern is split once into literal pieces, so matching is a linear scan with the classic
 * single-backtrack wildcard algorithm and never builds a regex. Immutable and thread-safe.
 */
public final class GlobMatcher {

    private static final char ANY_RUN = '\uE000';
    private static final char ANY_ONE = '\uE001';

    private final String pattern;
    private final boolean caseSensitive;
    /** The pattern with wildcards replaced by private-use markers and escapes resolved. */
    private final char[] program;

    private final Kind kind;
    private final String literal;

    private enum Kind {
        EXACT,
        ANY,
        PREFIX,
        SUFFIX,
        GENERAL
    }

    private GlobMatcher(String pattern, boolean caseSensitive, char[] program) {
        this.pattern = pattern;
        this.caseSensitive = caseSensitive;
        this.program = program;
        int stars = 0;
        int ones = 0;
        for (char c : program) {
            if (c == ANY_RUN) {
                stars++;
            } else if (c == ANY_ONE) {
                ones++;
            }
        }
        int n = program.length;
        if (stars == 0 && ones == 0) {
            kind = Kind.EXACT;
            literal = new String(program);
        } else if (ones == 0 && stars == 1 && n == 1) {
            kind = Kind.ANY;
            literal = "";
        } else if (ones == 0 && stars == 1 && program[n - 1] == ANY_RUN) {
            kind = Kind.PREFIX;
            literal = new String(program, 0, n - 1);
        } else if (ones == 0 && stars == 1 && program[0] == ANY_RUN) {
            kind = Kind.SUFFIX;
            literal = new String(program, 1, n - 1);
        } else {
            kind = Kind.GENERAL;
            literal = "";
        }
    }

    /** Compiles a case-sensitive pattern. */
    public static GlobMatcher compile(String pattern) {
        return compile(pattern, true);
    }

    /**
     * Compiles {@code pattern}.
     *
     * @throws IllegalArgumentException when the pattern is empty, ends in a lone escape or contains
     *     control characters
     */
    public static GlobMatcher compile(String pattern, boolean caseSensitive) {
        requireNonNull(pattern, "pattern");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("pattern: empty (expected: a name or a glob such as 'fs_*')");
        }
        String source = caseSensitive ? pattern : pattern.toLowerCase(Locale.ROOT);
        List<Character> out = new ArrayList<>(source.length());
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (Character.isISOControl(c) || c == ANY_RUN || c == ANY_ONE) {
                throw new IllegalArgumentException(
                        "pattern: '" + printable(pattern) + "' contains a control or reserved character at index " + i);
            }
            if (c == '\\') {
                if (i + 1 == source.length()) {
                    throw new IllegalArgumentException("pattern: '" + printable(pattern)
                            + "' ends with a lone '\\' (expected: an escaped character)");
                }
                out.add(source.charAt(++i));
            } else if (c == '*') {
                if (out.isEmpty() || out.get(out.size() - 1) != ANY_RUN) {
                    out.add(ANY_RUN); // '**' is the same as '*'
                }
            } else if (c == '?') {
                out.add(ANY_ONE);
            } else {
                out.add(c);
            }
        }
        char[] program = new char[out.size()];
        for (int i = 0; i < program.length; i++) {
            program[i] = out.get(i);
        }
        return new GlobMatcher(pattern, caseSensitive, program);
    }

    /** Whether {@code name} matches the whole pattern; {@code null} never matches. */
    public boolean matches(String name) {
        if (name == null) {
            return false;
        }
        String text = caseSensitive ? name : name.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case EXACT -> text.equals(literal);
            case ANY -> true;
            case PREFIX -> text.startsWith(literal);
            case SUFFIX -> text.endsWith(literal);
            case GENERAL -> matchGeneral(text);
        };
    }

    /** True when the pattern has no wildcard, so it is one exact name. */
    public boolean isLiteral() {
        return kind == Kind.EXACT;
    }

    /**
     * The one name this pattern matches, for a case-sensitive pattern without wildcards (escapes
     * resolved); null otherwise. Lets a caller index exact names in a hash map: {@code
     * matches(n) == n.equals(exactName())} whenever this is not null.
     */
    public String exactName() {
        return kind == Kind.EXACT && caseSensitive ? literal : null;
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    private boolean matchGeneral(String text) {
        int t = 0;
        int p = 0;
        int starP = -1;
        int starT = 0;
        int n = text.length();
        while (t < n) {
            if (p < program.length
                    && program[p] != ANY_RUN
                    && (program[p] == ANY_ONE || program[p] == text.charAt(t))) {
                p++;
                t++;
            } else if (p < program.length && program[p] == ANY_RUN) {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < program.length && program[p] == ANY_RUN) {
            p++;
        }
        return p == program.length;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "GlobMatcher[" + pattern + "]";
    }
}
