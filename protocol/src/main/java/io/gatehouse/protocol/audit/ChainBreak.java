package io.gatehouse.protocol.audit;

/**
 * The first place a chain does not hold.
 *
 * @param index 0-based position in the verified sequence
 * @param seq the offending batch's seq, or -1 when it could not be read
 * @param reason stable UPPER_SNAKE key
 * @param message what exactly was wrong
 */
public record ChainBreak(long index, long seq, Reason reason, String message) {

    /** Why a chain broke. */
    public enum Reason {
        /** Not a readable signed batch. */
        MALFORMED,
        /** Wrong algorithm, not the agent's key, or the signature does not verify (includes tampering). */
        BAD_SIGNATURE,
        WRONG_TENANT,
        WRONG_AGENT,
        /** Older epoch, or a new epoch that does not start at seq 1. */
        WRONG_EPOCH,
        /** The very batch that was accepted last, delivered again. */
        DUPLICATE,
        /** seq lower than expected (reordered or replayed). */
        SEQ_REWIND,
        /** seq higher than expected: batches are missing. */
        SEQ_GAP,
        /** prevHash is not the hash of the previous batch. */
        PREV_HASH_MISMATCH
    }

    @Override
    public String toString() {
        return reason + " at index " + index + " (seq " + seq + "): " + message;
    }
}
