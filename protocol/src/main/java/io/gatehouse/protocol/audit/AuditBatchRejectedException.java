package io.gatehouse.protocol.audit;

import java.util.Objects;

/** A signed audit batch did not verify on its own (before any chain rule). */
public final class AuditBatchRejectedException extends Exception {

    /** Why, in check order. */
    public enum Reason {
        MALFORMED,
        ALGORITHM_NOT_ALLOWED,
        UNKNOWN_KEY,
        BAD_SIGNATURE
    }

    private final Reason reason;

    public AuditBatchRejectedException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
