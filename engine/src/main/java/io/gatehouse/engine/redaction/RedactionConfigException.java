package io.gatehouse.engine.redaction;

/** A redaction rule set that cannot be compiled: unknown detector, rejected tenant pattern, bad key. */
public final class RedactionConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RedactionConfigException(String message) {
        super(message);
    }

    public RedactionConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
