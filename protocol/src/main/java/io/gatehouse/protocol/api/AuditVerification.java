package io.gatehouse.protocol.api;

import java.time.Instant;
import java.util.List;

/**
 * The proof for a time range ({@code GET /api/v1/audit/verify}): every batch whose creation time falls in
 * [from, to) was re-verified against its agent's key and chained to its predecessor, and each batch's stored
 * events were counted against the batch.
 *
 * @param ok true when every agent's chain holds, nothing is missing and every batch's events are all stored
 * @param batches batches verified
 * @param records events accounted for
 * @param agents per-agent results
 */
public record AuditVerification(boolean ok, Instant from, Instant to, long batches, long records, List<Agent> agents) {

    public AuditVerification {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }

    /**
     * @param firstSeq seq of the first verified batch (per epoch order), 0 if none
     * @param lastSeq seq of the last verified batch
     * @param problem null when ok, else what broke first (stable reason: message)
     * @param missingSeqs ranges of missing batch seqs "a-b" within the range
     */
    public record Agent(
            String agentId,
            boolean ok,
            long batches,
            long records,
            long firstSeq,
            long lastSeq,
            String problem,
            List<String> missingSeqs) {

        public Agent {
            missingSeqs = missingSeqs == null ? List.of() : List.copyOf(missingSeqs);
        }
    }
}
