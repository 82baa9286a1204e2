package io.gatehouse.engine.match;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A compiled test on who is calling: a token claim, the principal's groups, subject, client id or
 * issuer.
 *
 * <p>A claim value is seen as a list of strings: a string is one value, a number or boolean its
 * decimal/{@code true}/{@code false} text, a list/array its scalar elements; objects, nulls and a
 * missing claim give no values. Claim names are matched exactly at the top level (names such as
 * {@code https://example.com/roles} contain dots, so there is no dotted path syntax).
 *
 * <ul>
 *   <li>{@link Operator#EQUALS}: exactly one value, equal to the single expected value;
 *   <li>{@link Operator#CONTAINS}: one of the values equals the single expected value;
 *   <li>{@link Operator#ANY_OF}: at least one value is in the expected set;
 *   <li>{@link Operator#ALL_OF}: every expected value is present;
 *   <li>{@link Operator#PRESENT}: the claim exists and is not null.
 * </ul>
 *
 * Comparison is exact (case-sensitive). Immutable and thread-safe.
 */
public final class ClaimMatcher {

    /** How the claim's values are compared with the expected values. */
    public enum Operator {
        EQUALS,
        CONTAINS,
        ANY_OF,
        ALL_OF,
        PRESENT
    }

    private final String description;
    private final Operator operator;
    private final Set<String> expected;
    private final String single;
    private final Function<RequestContext, Object> source;

    private ClaimMatcher(
            String description,
            Operator operator,
            Collection<String> expected,
            Function<RequestContext, Object> source) {
        requireNonNull(operator, "operator");
        requireNonNull(expected, "values");
        for (String v : expected) {
            requireNonNull(v, "values contains null");
        }
        switch (operator) {
            case EQUALS, CONTAINS -> {
                if (expected.size() != 1) {
                    throw new IllegalArgumentException(
                            description + ": " + operator + " takes exactly one value (got: " + expected.size() + ")");
                }
            }
            case ANY_OF, ALL_OF -> {
                if (expected.isEmpty()) {
                    throw new IllegalArgumentException(
                            description + ": " + operator + " takes at least one value (got: none)");
                }
            }
            case PRESENT -> {
                if (!expected.isEmpty()) {
                    throw new IllegalArgumentException(
                            description + ": PRESENT takes no values (got: " + expected.size() + ")");
                }
            }
        }
        this.description = description;
        this.operator = operator;
        this.expected = Set.copyOf(expected);
        this.single = expected.size() == 1 ? expected.iterator().next() : null;
        this.source = source;
    }

    /** A test on token claim {@code name}. */
    public static ClaimMatcher claim(String name, Operator operator, Collection<String> values) {
        requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("claim name: empty");
        }
        return new ClaimMatcher(
                "claim '" + name + "'", operator, values, ctx -> ctx.claims().get(name));
    }

    /** A test on the principal's groups (after the issuer's claim mapping). */
    public static ClaimMatcher groups(Operator operator, Collection<String> values) {
        return new ClaimMatcher("groups", operator, values, RequestContext::groups);
    }

    /** A test on the granted scopes. */
    public static ClaimMatcher scopes(Operator operator, Collection<String> values) {
        return new ClaimMatcher("scopes", operator, values, RequestContext::scopes);
    }

    /** A test on the principal's subject. */
    public static ClaimMatcher subject(Operator operator, Collection<String> values) {
        return new ClaimMatcher("subject", operator, values, RequestContext::subject);
    }

    /** A test on the OAuth client id. */
    public static ClaimMatcher clientId(Operator operator, Collection<String> values) {
        return new ClaimMatcher("clientId", operator, values, RequestContext::clientId);
    }

    /** A test on the token issuer. */
    public static ClaimMatcher issuer(Operator operator, Collection<String> values) {
        return new ClaimMatcher("issuer", operator, values, RequestContext::issuer);
    }

    /** Whether the request's principal satisfies this test. */
    public boolean matches(RequestContext context) {
        Object raw = source.apply(context);
        if (raw instanceof String s && s.isEmpty()) {
            // an empty subject/client id/issuer means "not known": it has no value
            raw = null;
        }
        if (operator == Operator.PRESENT) {
            return raw != null;
        }
        if (operator == Operator.CONTAINS || operator == Operator.ANY_OF) {
            // the policy engine's hot path: test the values where they are, without copying them
            return anyValueExpected(raw);
        }
        List<String> values = valuesOf(raw);
        return switch (operator) {
            case EQUALS -> values.size() == 1 && values.get(0).equals(single);
            case CONTAINS -> values.contains(single);
            case ANY_OF -> {
                for (String v : values) {
                    if (expected.contains(v)) {
                        yield true;
                    }
                }
                yield false;
            }
            case ALL_OF -> values.containsAll(expected);
            case PRESENT -> throw new AssertionError("handled above");
        };
    }

    /** Whether one of the values of {@code raw} (as {@link #valuesOf} sees them) is expected. */
    private boolean anyValueExpected(Object raw) {
        if (raw == null || raw instanceof Map<?, ?>) {
            return false;
        }
        if (raw instanceof Collection<?> collection) {
            for (Object element : collection) {
                if (isExpected(scalar(element))) {
                    return true;
                }
            }
            return false;
        }
        if (raw instanceof Object[] array) {
            for (Object element : array) {
                if (isExpected(scalar(element))) {
                    return true;
                }
            }
            return false;
        }
        return isExpected(scalar(raw));
    }

    private boolean isExpected(String value) {
        if (value == null) {
            return false;
        }
        return single != null ? value.equals(single) : expected.contains(value);
    }

    private static List<String> valuesOf(Object raw) {
        if (raw == null || raw instanceof Map<?, ?>) {
            return List.of();
        }
        if (raw instanceof Collection<?> collection) {
            List<String> out = new ArrayList<>(collection.size());
            for (Object element : collection) {
                String s = scalar(element);
                if (s != null) {
                    out.add(s);
                }
            }
            return out;
        }
        if (raw instanceof Object[] array) {
            return valuesOf(List.of(array));
        }
        String s = scalar(raw);
        return s == null ? List.of() : List.of(s);
    }

    private static String scalar(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    @Override
    public String toString() {
        return "ClaimMatcher[" + description + " " + operator + " " + expected + "]";
    }
}
