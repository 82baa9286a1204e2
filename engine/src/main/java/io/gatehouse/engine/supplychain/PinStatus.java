package io.gatehouse.engine.supplychain;

/** Outcome of checking one announced tool against the approved pins. */
public enum PinStatus {
    /** Pinned, and the announced definition has the approved fingerprint. Visible and callable. */
    PINNED_OK,
    /** Pinned, but the definition differs. Hidden and calls refused until an admin approves the diff. */
    CHANGED,
    /** Not pinned. Hidden unless the server's policy allows unpinned tools. */
    NEW_UNPINNED,
    /** The server announced this name more than once. Hidden: which one a client would use is ambiguous. */
    DUPLICATE_NAME
}
