package io.gatehouse.engine.guard;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A guard bound to one argument of a tool: selects the value with an {@link ArgumentSelector} and
 * checks it with a {@link ValueGuard}. Immutable and thread-safe.
 *
 * <ul>
 *   <li>a string is checked;
 *   <li>an array is checked element by element: every element must be a string and pass (an empty
 *       array passes — it names nothing);
 *   <li>a missing argument or JSON {@code null} follows {@link MissingArgument}: {@code DENY} by
 *       default ({@code ARG_MISSING}), because a server may fall back to a default value the guard
 *       never saw; {@code ALLOW} is for optional arguments whose server-side default is known safe;
 *   <li>anything else (number, boolean, object, nested array) is denied ({@code ARG_NOT_STRING}).
 * </ul>
 */
public final class ArgumentGuard {

    /** What a missing (or JSON null) guarded argument means. */
    public enum MissingArgument {
        /** Deny with {@code ARG_MISSING} (default). */
        DENY,
        /** Allow: the argument is optional and its absence is safe. */
        ALLOW
    }

    private final ArgumentSelector selector;
    private final ValueGuard guard;
    private final MissingArgument onMissing;

    public ArgumentGuard(ArgumentSelector selector, ValueGuard guard, MissingArgument onMissing) {
        this.selector = requireNonNull(selector, "selector");
        this.guard = requireNonNull(guard, "guard");
        this.onMissing = requireNonNull(onMissing, "onMissing");
    }

    /** A guard that denies a missing argument. */
    public static ArgumentGuard of(String selector, ValueGuard guard) {
        return new ArgumentGuard(ArgumentSelector.parse(selector), guard, MissingArgument.DENY);
    }

    /**
     * Checks the selected argument of {@code arguments} (the {@code tools/call} {@code arguments}
     * object; {@code null} counts as no arguments). The first denial wins; its detail names the
     * selector and, for arrays, the element index.
     */
    public GuardVerdict check(JsonNode arguments) {
        JsonNode value = arguments == null ? null : selector.select(arguments);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return onMissing == MissingArgument.ALLOW
                    ? GuardVerdict.allow("")
                    : GuardVerdict.deny(
                            GuardReason.ARG_MISSING, "", "argument '" + selector.expression() + "' is missing");
        }
        if (value.isTextual()) {
            return located(guard.check(value.textValue()), -1);
        }
        if (value.isArray()) {
            GuardVerdict last = GuardVerdict.allow("");
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (!element.isTextual()) {
                    return GuardVerdict.deny(
                            GuardReason.ARG_NOT_STRING,
                            "",
                            "argument '" + selector.expression()
                                    + "' element " + i + " is "
                                    + element.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                                    + ", not a string");
                }
                last = guard.check(element.textValue());
                if (!last.allowed()) {
                    return located(last, i);
                }
            }
            return value.size() == 1 ? last : GuardVerdict.allow("");
        }
        return GuardVerdict.deny(
                GuardReason.ARG_NOT_STRING,
                "",
                "argument '" + selector.expression() + "' is "
                        + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not a string");
    }

    public ArgumentSelector selector() {
        return selector;
    }

    public ValueGuard guard() {
        return guard;
    }

    public MissingArgument onMissing() {
        return onMissing;
    }

    private GuardVerdict located(GuardVerdict verdict, int index) {
        if (verdict.allowed()) {
            return verdict;
        }
        String where = "argument '" + selector.expression() + "'" + (index >= 0 ? " element " + index : "");
        return GuardVerdict.deny(verdict.reason(), verdict.canonical(), where + ": " + verdict.detail());
    }
}
