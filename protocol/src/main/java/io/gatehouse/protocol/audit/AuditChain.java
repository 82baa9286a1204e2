package io.gatehouse.protocol.audit;

import com.nimbusds.jose.jwk.ECKey;
import java.util.Objects;
import java.util.Optional;

/** Verification of a whole run of consecutive signed batches (streamed; nothing is held but the position). */
public final class AuditChain {

    /**
     * The outcome of {@link #verify}.
     *
     * @param verified how many batches extended the chain before the first break (or in total)
     * @param end position after the last verified batch
     * @param firstBreak the first break, if any
     */
    public record Report(long verified, ChainPosition end, Optional<ChainBreak> firstBreak) {

        public boolean ok() {
            return firstBreak.isEmpty();
        }
    }

    private AuditChain() {}

    /**
     * Verifies {@code signedBatches} in iteration order from {@code start} and stops at the first break. The
     * iterable is consumed once and may be lazy (e.g. a database cursor).
     */
    public static Report verify(
            Iterable<String> signedBatches, String tenant, String agentId, ECKey agentPublicKey, ChainPosition start) {
        Objects.requireNonNull(signedBatches, "signedBatches");
        AuditChainVerifier verifier = new AuditChainVerifier(tenant, agentId, agentPublicKey, start);
        long verified = 0;
        for (String compact : signedBatches) {
            if (verifier.accept(compact) instanceof AuditChainVerifier.Broken broken) {
                return new Report(verified, verifier.position(), Optional.of(broken.chainBreak()));
            }
            verified++;
        }
        return new Report(verified, verifier.position(), Optional.empty());
    }
}
