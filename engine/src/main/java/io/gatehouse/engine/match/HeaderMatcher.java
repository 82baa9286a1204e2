package io.gatehouse.engine.match;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A compiled test on a request header, e.g. a device-posture header set by a trusted front proxy.
 *
 * <p>Headers are only as trustworthy as the hop that sets them: match on a header only when a
 * proxy in front of the gateway strips and re-sets it.
 *
 * <ul>
 *   <li>{@link Operator#EQUALS} / {@link Operator#ANY_OF}: the header is present and <em>every</em>
 *       occurrence has an expected value, so a repeated header carrying a second, different value
 *       does not match (a client cannot smuggle a value in a duplicate);
 *   <li>{@link Operator#GLOB}: as above, every occurrence matches the glob;
 *   <li>{@link Operator#PRESENT} / {@link Operator#ABSENT}: the header occurs / does not occur.
 * </ul>
 *
 * Header names are case-insensitive; values are compared exactly after trimming surrounding
 * whitespace. Immutable and thread-safe.
 */
public final class HeaderMatcher {

    /** How the header's values are tested. */
    public enum Operator {
        EQUALS,
        ANY_OF,
        GLOB,
        PRESENT,
        ABSENT
    }

    private final String name;
    private final Operator operator;
    private final Set<String> expected;
    private final GlobMatcher glob;

    private HeaderMatcher(String name, Operator operator, Set<String> expected, GlobMatcher glob) {
        this.name = name;
        this.operator = operator;
        this.expected = expected;
        this.glob = glob;
    }

    /**
     * Compiles a header test.
     *
     * @throws IllegalArgumentException for an invalid header name or a value count that does not fit
     *     the operator
     */
    public static HeaderMatcher of(String name, Operator operator, Collection<String> values) {
        requireNonNull(name, "name");
        requireNonNull(operator, "operator");
        requireNonNull(values, "values");
        if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("header name: '" + name + "' (expected: an RFC 9110 token)");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        int n = values.size();
        return switch (operator) {
            case EQUALS -> {
                requireCount(name, operator, n == 1, "exactly one value", n);
                yield new HeaderMatcher(lower, operator, Set.copyOf(values), null);
            }
            case ANY_OF -> {
                requireCount(name, operator, n >= 1, "at least one value", n);
                yield new HeaderMatcher(lower, operator, Set.copyOf(values), null);
            }
            case GLOB -> {
                requireCount(name, operator, n == 1, "exactly one glob", n);
                yield new HeaderMatcher(
                        lower,
                        operator,
                        Set.of(),
                        GlobMatcher.compile(values.iterator().next()));
            }
            case PRESENT, ABSENT -> {
                requireCount(name, operator, n == 0, "no values", n);
                yield new HeaderMatcher(lower, operator, Set.of(), null);
            }
        };
    }

    /** Whether the request's headers satisfy this test. */
    public boolean matches(RequestContext context) {
        // name is lower-cased at compile time, as the context's header names are
        List<String> values = context.headers().getOrDefault(name, List.of());
        return switch (operator) {
            case PRESENT -> !values.isEmpty();
            case ABSENT -> values.isEmpty();
            case EQUALS, ANY_OF, GLOB -> {
                if (values.isEmpty()) {
                    yield false;
                }
                for (String v : values) {
                    String value = v.strip();
                    boolean ok = operator == Operator.GLOB ? glob.matches(value) : expected.contains(value);
                    if (!ok) {
                        yield false;
                    }
                }
                yield true;
            }
        };
    }

    private static void requireCount(String name, Operator operator, boolean ok, String expected, int got) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "header '" + name + "': " + operator + " takes " + expected + " (got: " + got + ")");
        }
    }

    @Override
    public String toString() {
        return "HeaderMatcher[" + name + " " + operator + (glob != null ? " " + glob.pattern() : " " + expected) + "]";
    }
}
