package io.gatehouse.protocol.signing;

import java.util.Objects;

/** An enrollment proof of possession was not accepted; {@link #reason()} is a stable UPPER_SNAKE key. */
public final class PossessionProofException extends Exception {

    /** Why the proof was rejected, in check order. */
    public enum Reason {
        MALFORMED,
        ALGORITHM_NOT_ALLOWED,
        BAD_SIGNATURE,
        WRONG_AUDIENCE,
        NONCE_MISMATCH,
        EXPIRED
    }

    private final Reason reason;

    public PossessionProofException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
