package io.gatehouse.protocol.audit;

/**
 * Where a chain stands: the epoch, the last accepted seq (0 before the first batch) and that batch's hash
 * ({@link AuditBatch#GENESIS_HASH} before the first batch).
 */
public record ChainPosition(long epoch, long seq, String hash) {

    public ChainPosition {
        AuditJson.requireRange("epoch", epoch, 1, Long.MAX_VALUE);
        AuditJson.requireRange("seq", seq, 0, Long.MAX_VALUE);
        AuditJson.requirePattern("hash", hash, "[A-Za-z0-9_-]{43}");
        if (seq == 0 && !AuditBatch.GENESIS_HASH.equals(hash)) {
            throw new IllegalArgumentException("hash: position before seq 1 must be the genesis hash");
        }
    }

    /** The start of {@code epoch}. */
    public static ChainPosition genesis(long epoch) {
        return new ChainPosition(epoch, 0, AuditBatch.GENESIS_HASH);
    }

    /** The position right after {@code batch}. */
    public static ChainPosition after(AuditBatch batch) {
        return new ChainPosition(batch.epoch(), batch.seq(), batch.hash());
    }
}
