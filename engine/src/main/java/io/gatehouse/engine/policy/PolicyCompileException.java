package io.gatehouse.engine.policy;

/**
 * A policy rule or argument guard that cannot be compiled. The message names the rule (or binding)
 * and the setting, e.g. {@code policies[after-hours].timeWindows[0]: …}; the bundle is rejected.
 */
public final class PolicyCompileException extends IllegalArgumentException {

    private final String field;

    PolicyCompileException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
    }

    /** The path of the offending setting, e.g. {@code policies[after-hours].condition}. */
    public String field() {
        return field;
    }
}
