package io.gatehouse.protocol.signing;

import java.util.Objects;

/**
 * A bundle envelope was not accepted. {@link #reason()} is a stable UPPER_SNAKE key (the same in status
 * reports, logs and metrics); the message is for humans and never contains key material or bundle content.
 */
public final class BundleRejectedException extends Exception {

    /** Why a bundle was rejected, in the order the checks run (see {@code docs/signing.md}). */
    public enum Reason {
        MALFORMED,
        ALGORITHM_NOT_ALLOWED,
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        WRONG_TENANT,
        WRONG_AUDIENCE,
        DUPLICATE,
        STALE,
        HASH_MISMATCH,
        EXPIRED,
        SCHEMA_UNSUPPORTED
    }

    private final Reason reason;

    public BundleRejectedException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static Reason of(Jws.Failure failure) {
        return Reason.valueOf(failure.name());
    }
}
