package io.gatehouse.protocol.signing;

import java.util.Objects;

/** Sealed data could not be opened. Messages never contain key material or plaintext. */
public final class SealingException extends Exception {

    /** Why opening failed. */
    public enum Reason {
        /** Not a sealed-secret encoding of a supported version. */
        MALFORMED,
        /** Sealed under a key id this {@link Aead} does not hold. */
        UNKNOWN_KEY,
        /** Authentication failed: wrong key, wrong associated data, or tampered bytes. */
        DECRYPTION_FAILED
    }

    private final Reason reason;

    public SealingException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
