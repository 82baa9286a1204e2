package io.gatehouse.protocol.audit;

import com.nimbusds.jose.jwk.ECKey;
import java.util.Objects;

/**
 * Streaming chain verification for one agent: feed signed batches in order with {@link #accept}; only the
 * current {@link ChainPosition} is kept. A rejected batch does not move the position, so the caller can
 * dead-letter it and continue (or stop). Not thread-safe; use one per agent stream.
 *
 * <p>Checks per batch, first failure wins: signature with the agent's key → tenant → agent → epoch → seq →
 * prevHash. A new epoch is accepted only at seq 1 with the genesis hash.
 */
public final class AuditChainVerifier {

    /** The outcome of one {@link #accept} call. */
    public sealed interface Result permits Accepted, Broken {}

    /** The batch extends the chain; the position moved past it. */
    public record Accepted(SignedAuditBatch batch) implements Result {}

    /** The batch does not extend the chain; the position is unchanged. */
    public record Broken(ChainBreak chainBreak) implements Result {}

    private final String tenant;
    private final String agentId;
    private final ECKey agentPublicKey;
    private ChainPosition position;
    private long index;

    /**
     * @param start where the chain stands (e.g. {@link ChainPosition#genesis} or the last stored batch)
     */
    public AuditChainVerifier(String tenant, String agentId, ECKey agentPublicKey, ChainPosition start) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.agentId = Objects.requireNonNull(agentId, "agentId");
        this.agentPublicKey = Objects.requireNonNull(agentPublicKey, "agentPublicKey");
        this.position = Objects.requireNonNull(start, "start");
    }

    /** The position after the last accepted batch. */
    public ChainPosition position() {
        return position;
    }

    /** Verifies the next signed batch against the chain. */
    public Result accept(String compact) {
        long at = index++;
        SignedAuditBatch signed;
        try {
            signed = SignedAuditBatch.verify(compact, agentPublicKey);
        } catch (AuditBatchRejectedException e) {
            ChainBreak.Reason reason = e.reason() == AuditBatchRejectedException.Reason.MALFORMED
                    ? ChainBreak.Reason.MALFORMED
                    : ChainBreak.Reason.BAD_SIGNATURE;
            return new Broken(new ChainBreak(at, -1, reason, e.getMessage()));
        }
        AuditBatch batch = signed.batch();
        ChainBreak problem = check(at, batch, signed.hash());
        if (problem != null) {
            return new Broken(problem);
        }
        position = new ChainPosition(batch.epoch(), batch.seq(), signed.hash());
        return new Accepted(signed);
    }

    private ChainBreak check(long at, AuditBatch batch, String hash) {
        long seq = batch.seq();
        if (!batch.tenant().equals(tenant)) {
            return new ChainBreak(
                    at,
                    seq,
                    ChainBreak.Reason.WRONG_TENANT,
                    "batch is for tenant " + batch.tenant() + " (expected " + tenant + ")");
        }
        if (!batch.agentId().equals(agentId)) {
            return new ChainBreak(
                    at,
                    seq,
                    ChainBreak.Reason.WRONG_AGENT,
                    "batch is from agent " + batch.agentId() + " (expected " + agentId + ")");
        }
        if (batch.epoch() < position.epoch()) {
            return new ChainBreak(
                    at,
                    seq,
                    ChainBreak.Reason.WRONG_EPOCH,
                    "epoch " + batch.epoch() + " is older than current epoch " + position.epoch());
        }
        if (batch.epoch() > position.epoch()) {
            if (seq != 1) {
                return new ChainBreak(
                        at,
                        seq,
                        ChainBreak.Reason.WRONG_EPOCH,
                        "new epoch " + batch.epoch() + " must start at seq 1, found seq " + seq);
            }
            return null; // seq 1 always carries the genesis prevHash (AuditBatch enforces it)
        }
        long expected = position.seq() + 1;
        if (seq == position.seq() && hash.equals(position.hash())) {
            return new ChainBreak(at, seq, ChainBreak.Reason.DUPLICATE, "batch seq " + seq + " was already accepted");
        }
        if (seq < expected) {
            return new ChainBreak(
                    at,
                    seq,
                    ChainBreak.Reason.SEQ_REWIND,
                    "seq " + seq + " but expected " + expected + " (reordered or replayed)");
        }
        if (seq > expected) {
            return new ChainBreak(
                    at,
                    seq,
                    ChainBreak.Reason.SEQ_GAP,
                    "seq " + seq + " but expected " + expected + " (" + (seq - expected) + " batch(es) missing)");
        }
        if (!batch.prevHash().equals(position.hash())) {
            return new ChainBreak(
                    at,
                    seq,
                    ChainBreak.Reason.PREV_HASH_MISMATCH,
                    "prevHash does not match the hash of batch seq " + position.seq());
        }
        return null;
    }
}
