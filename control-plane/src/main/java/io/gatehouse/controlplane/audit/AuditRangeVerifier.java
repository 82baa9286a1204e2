package io.gatehouse.controlplane.audit;

import com.nimbusds.jose.jwk.ECKey;
import io.gatehouse.protocol.api.AuditVerification;
import io.gatehouse.protocol.audit.AuditChainVerifier;
import io.gatehouse.protocol.audit.ChainPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, Long> storedCounts = eventCounts(c, tenantId, agent, from, to);
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
                    if (verifier.accept(rs.getString(5)) instanceof AuditChainVerifier.Broken broken) {
                        problem = broken.chainBreak().reason() + ": "
                                + broken.chainBreak().message();
                        break;
                    }
                    int count = rs.getInt(4);
                    Long stored = storedCounts.get(epoch + ":" + seq);
                    if (count > 0 && (stored == null || stored != count)) {
                        problem = "EVENTS_MISSING: batch seq " + seq + " carries " + count + " records, "
                                + (stored == null ? 0 : stored) + " stored";
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

    private static Map<String, Long> eventCounts(Connection c, UUID tenantId, String agent, Instant from, Instant to)
            throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT e.epoch, e.seq, count(*) FROM audit_events e"
                + " JOIN audit_batches b ON b.tenant_id = e.tenant_id AND b.agent_id = e.agent_id AND b.epoch = e.epoch"
                + " AND b.seq = e.seq WHERE b.tenant_id = ? AND b.agent_id = ? AND b.created_at >= ? AND b.created_at < ?"
                + " GROUP BY e.epoch, e.seq")) {
            s.setObject(1, tenantId);
            s.setString(2, agent);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getLong(1) + ":" + rs.getLong(2), rs.getLong(3));
                }
            }
        }
        return counts;
    }
}
