package io.gatehouse.controlplane.audit;

import com.nimbusds.jose.jwk.ECKey;
import io.gatehouse.protocol.api.AuditVerification;
import io.gatehouse.protocol.audit.AuditChainVerifier;
import io.gatehouse.protocol.audit.AuditRecord;
import io.gatehouse.protocol.audit.ChainPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Proves a time range: for each agent with batches created in [from, to), re-verifies every stored signed batch
 * (signature with the agent's registered key, tenant, agent, epoch, seq continuity, prevHash chain, starting from
 * the batch stored just before the range), reports missing seqs, and checks that each batch's events are all
 * stored (count per batch = the batch's record count). Batches are read with a server-side cursor, so a long
 * range does not load everything at once.
 */
public final class AuditRangeVerifier {

    private final AgentKeys keys;

    public AuditRangeVerifier(AgentKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    public AuditVerification verify(Connection c, UUID tenantId, Instant from, Instant to) throws SQLException {
        List<String> agents = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT agent_id FROM audit_batches"
                + " WHERE tenant_id = ? AND created_at >= ? AND created_at < ? ORDER BY agent_id")) {
            s.setObject(1, tenantId);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    agents.add(rs.getString(1));
                }
            }
        }
        List<AuditVerification.Agent> results = new ArrayList<>();
        long batches = 0;
        long records = 0;
        boolean ok = true;
        for (String agent : agents) {
            AuditVerification.Agent result = verifyAgent(c, tenantId, agent, from, to);
            results.add(result);
            batches += result.batches();
            records += result.records();
            ok &= result.ok();
        }
        return new AuditVerification(ok, from, to, batches, records, results);
    }

    private AuditVerification.Agent verifyAgent(Connection c, UUID tenantId, String agent, Instant from, Instant to)
            throws SQLException {
        Optional<ECKey> key = keys.find(tenantId, agent);
        if (key.isEmpty()) {
            return new AuditVerification.Agent(agent, false, 0, 0, 0, 0, "UNKNOWN_AGENT: no registered key", List.of());
        }
        AuditChainVerifier verifier = null;
        List<String> missing = new ArrayList<>();
        String problem = null;
        long batches = 0;
        long records = 0;
        long firstSeq = 0;
        long lastSeq = 0;
        try (PreparedStatement s =
                c.prepareStatement("SELECT epoch, seq, prev_hash, record_count, jws FROM audit_batches"
                        + " WHERE tenant_id = ? AND agent_id = ? AND created_at >= ? AND created_at < ?"
                        + " ORDER BY epoch, seq")) {
            s.setFetchSize(200);
            s.setObject(1, tenantId);
            s.setString(2, agent);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long epoch = rs.getLong(1);
                    long seq = rs.getLong(2);
                    if (verifier == null || epoch != verifier.position().epoch()) {
                        // the agent's first batch in the range, or a new epoch
                        ChainPosition start = startBefore(c, tenantId, agent, epoch, seq);
                        if (start == null) {
                            // the predecessor lies before the range and is not stored (e.g. retention): start here
                            start = new ChainPosition(epoch, seq - 1, rs.getString(3));
                        }
                        if (verifier != null && seq != 1) {
                            missing.add("epoch " + epoch + " 1-" + (seq - 1));
                        }
                        verifier = new AuditChainVerifier(tenantId.toString(), agent, key.get(), start);
                    } else if (seq > verifier.position().seq() + 1) {
                        missing.add((verifier.position().seq() + 1) + "-" + (seq - 1));
                        verifier = new AuditChainVerifier(
                                tenantId.toString(),
                                agent,
                                key.get(),
                                new ChainPosition(epoch, seq - 1, rs.getString(3)));
                    }
                    AuditChainVerifier.Result result = verifier.accept(rs.getString(5));
                    if (result instanceof AuditChainVerifier.Broken broken) {
                        problem = broken.chainBreak().reason() + ": "
                                + broken.chainBreak().message();
                        break;
                    }
                    int count = rs.getInt(4);
                    List<AuditRecord> signed = ((AuditChainVerifier.Accepted) result)
                            .batch()
                            .batch()
                            .records();
                    String mismatch = compareRows(c, tenantId, agent, epoch, seq, signed);
                    if (mismatch != null) {
                        problem = "EVENTS_MISMATCH: batch seq " + seq + ": " + mismatch;
                        break;
                    }
                    if (firstSeq == 0) {
                        firstSeq = seq;
                    }
                    lastSeq = seq;
                    batches++;
                    records += count;
                }
            }
        }
        if (problem == null && !missing.isEmpty()) {
            problem = "SEQ_GAP: missing batch seq " + String.join(", ", missing);
        }
        return new AuditVerification.Agent(
                agent, problem == null, batches, records, firstSeq, lastSeq, problem, missing);
    }

    /**
     * The chain position just before {@code seq}: genesis for seq 1, else the stored predecessor's hash; null when
     * the predecessor is not stored.
     */
    private static ChainPosition startBefore(Connection c, UUID tenantId, String agent, long epoch, long seq)
            throws SQLException {
        if (seq == 1) {
            return ChainPosition.genesis(epoch);
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT hash FROM audit_batches WHERE tenant_id = ? AND agent_id = ? AND epoch = ? AND seq = ?")) {
            s.setObject(1, tenantId);
            s.setString(2, agent);
            s.setLong(3, epoch);
            s.setLong(4, seq - 1);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new ChainPosition(epoch, seq - 1, rs.getString(1)) : null;
            }
        }
    }

    /**
     * Compares the stored event rows of one batch with the records inside the signed batch: same number, and per
     * record the id, time (to the microsecond PostgreSQL keeps), principal, server, method, tool, digest, decision,
     * rule, reason, versions, latency and status. Returns the first difference, or null.
     */
    private static String compareRows(
            Connection c, UUID tenantId, String agent, long epoch, long seq, List<AuditRecord> records)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT idx, record_id, time, principal_subject, server, method,"
                + " tool, argument_digest, decision, rule_id, reason, bundle_version, latency_micros, upstream_status"
                + " FROM audit_events WHERE tenant_id = ? AND agent_id = ? AND epoch = ? AND seq = ? ORDER BY idx")) {
            s.setObject(1, tenantId);
            s.setString(2, agent);
            s.setLong(3, epoch);
            s.setLong(4, seq);
            int i = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (i >= records.size()) {
                        return "more stored events than the batch's " + records.size() + " records";
                    }
                    AuditRecord r = records.get(i);
                    int status = rs.getInt(14);
                    Integer upstream = rs.wasNull() ? null : status;
                    boolean same = rs.getInt(1) == i
                            && r.id().equals(rs.getString(2))
                            // PostgreSQL keeps microseconds (rounded): equal within one microsecond
                            && Math.abs(java.time.Duration.between(
                                                    r.time(), rs.getTimestamp(3).toInstant())
                                            .toNanos())
                                    < 1000
                            && Objects.equals(
                                    r.principal() == null ? null : r.principal().subject(), rs.getString(4))
                            && r.server().equals(rs.getString(5))
                            && r.method().equals(rs.getString(6))
                            && Objects.equals(r.tool(), rs.getString(7))
                            && Objects.equals(r.argumentDigest(), rs.getString(8))
                            && r.decision().name().equals(rs.getString(9))
                            && Objects.equals(r.ruleId(), rs.getString(10))
                            && r.reason().equals(rs.getString(11))
                            && r.bundleVersion() == rs.getLong(12)
                            && r.latencyMicros() == rs.getLong(13)
                            && Objects.equals(r.upstreamStatus(), upstream);
                    if (!same) {
                        return "stored event " + i + " (record " + rs.getString(2) + ") differs from the signed record "
                                + r.id();
                    }
                    i++;
                }
            }
            if (i != records.size()) {
                return records.size() + " records signed, " + i + " stored";
            }
            return null;
        }
    }
}
