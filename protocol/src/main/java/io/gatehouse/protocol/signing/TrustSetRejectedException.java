package io.gatehouse.protocol.signing;

import java.util.Objects;

/** A signed trust set was not accepted; {@link #reason()} is a stable UPPER_SNAKE key. */
public final class TrustSetRejectedException extends Exception {

    /** Why a trust set update was rejected, in check order. */
    public enum Reason {
        MALFORMED,
        ALGORITHM_NOT_ALLOWED,
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        WRONG_TENANT,
        DUPLICATE,
        STALE,
        VERSION_GAP
    }

    private final Reason reason;

    public TrustSetRejectedException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
