package io.gatehouse.controlplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.protocol.audit.AuditBatch;
import io.gatehouse.protocol.audit.AuditRecord;
import io.gatehouse.protocol.audit.Decision;
import io.gatehouse.protocol.audit.Finding;
import io.gatehouse.protocol.audit.SignedAuditBatch;
import io.gatehouse.protocol.signing.CanonicalJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stores one verified batch inside the caller's tenant transaction: the batch row first (its primary key
 * {@code (tenant, agent, epoch, seq)} turns a redelivery into a no-op), then the chain check against the
 * agent's row-locked chain state, then the events in one statement. Nothing is acknowledged before the
 * caller commits.
 */
final class AuditStore {

    /** What storing a batch did. */
    sealed interface Outcome permits Stored, Duplicate {}

    /**
     * @param gapFrom first missing seq before this batch (0 = none)
     * @param gapTo last missing seq before this batch
     * @param late the batch filled an earlier gap (it did not move the chain)
     */
    record Stored(int records, long denies, long gapFrom, long gapTo, boolean late) implements Outcome {}

    record Duplicate() implements Outcome {}

    /** The batch is signed correctly but does not extend the agent's chain: a poison batch. */
    static final class ChainRejected extends RuntimeException {
        final String reason;

        ChainRejected(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    private static final String INSERT_BATCH = "INSERT INTO audit_batches (tenant_id, agent_id, epoch, seq, kind,"
            + " hash, prev_hash, record_count, first_time, last_time, created_at, jws)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    // every event of a group of batches in one statement: one array per column, one round trip
    private static final String INSERT_EVENTS = "INSERT INTO audit_events (tenant_id, time, agent_id, epoch, seq, idx,"
            + " record_id, principal_subject, principal_issuer, client_id, server, method, tool, argument_digest,"
            + " redacted_arguments, decision, rule_id, reason, bundle_version, latency_micros, upstream_status, findings)"
            + " SELECT ?, t.time, t.agent, t.epoch, t.seq, t.idx, t.record_id, t.sub, t.iss, t.cid, t.server, t.method,"
            + " t.tool, t.digest, t.args::jsonb, t.decision, t.rule, t.reason, t.bv, t.lat, t.status, t.findings::jsonb"
            + " FROM unnest(?::text[]::timestamptz[], ?::text[], ?::bigint[], ?::bigint[], ?::int[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::int[], ?::text[])"
            + " AS t(time, agent, epoch, seq, idx, record_id, sub, iss, cid, server, method, tool, digest, args,"
            + " decision, rule, reason, bv, lat, status, findings)";

    private AuditStore() {}

    static Outcome store(Connection c, UUID tenantId, SignedAuditBatch signed) throws SQLException {
        return storeAll(c, tenantId, List.of(signed)).get(0);
    }

    /**
     * Stores verified batches in order inside the caller's transaction: per batch the batch row (a redelivery is
     * a {@link Duplicate}) and the chain check against the agent's row-locked state (kept in memory for the rest
     * of the group and written once per agent); then the events of every stored batch in one statement.
     *
     * @throws ChainRejected when any batch does not extend its agent's chain: the caller rolls back and stores
     *     the group one batch per transaction, so only that batch is dead-lettered
     */
    static List<Outcome> storeAll(Connection c, UUID tenantId, List<SignedAuditBatch> group) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>(group.size());
        Map<String, ChainState> states = new HashMap<>();
        Map<String, Boolean> stateExists = new HashMap<>();
        Set<String> moved = new HashSet<>();
        List<AuditBatch> stored = new ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement(INSERT_BATCH)) {
            for (SignedAuditBatch signed : group) {
                AuditBatch batch = signed.batch();
                List<AuditRecord> records = batch.records();
                insert.setObject(1, tenantId);
                insert.setString(2, batch.agentId());
                insert.setLong(3, batch.epoch());
                insert.setLong(4, batch.seq());
                insert.setString(5, batch.kind().name());
                insert.setString(6, signed.hash());
                insert.setString(7, batch.prevHash());
                insert.setInt(8, records.size());
                insert.setTimestamp(
                        9,
                        records.isEmpty() ? null : Timestamp.from(records.get(0).time()));
                insert.setTimestamp(
                        10,
                        records.isEmpty()
                                ? null
                                : Timestamp.from(records.get(records.size() - 1).time()));
                insert.setTimestamp(11, Timestamp.from(batch.createdAt()));
                insert.setString(12, signed.compact());
                if (insert.executeUpdate() == 0) {
                    outcomes.add(new Duplicate());
                    continue;
                }
                String agent = batch.agentId();
                if (!stateExists.containsKey(agent)) {
                    ChainState locked = lockState(c, tenantId, agent);
                    stateExists.put(agent, locked != null);
                    states.put(agent, locked);
                }
                ChainState state = states.get(agent);
                long[] gap = chain(c, tenantId, batch, signed.hash(), state);
                boolean late = gap == null;
                if (!late) {
                    states.put(agent, new ChainState(batch.epoch(), batch.seq(), signed.hash()));
                    moved.add(agent);
                    if (gap[0] > 0) {
                        insertGap(c, tenantId, batch, gap[0], gap[1]);
                    }
                }
                stored.add(batch);
                long denies = 0;
                for (AuditRecord r : records) {
                    if (r.decision() == Decision.DENY) {
                        denies++;
                    }
                }
                outcomes.add(new Stored(records.size(), denies, late ? 0 : gap[0], late ? 0 : gap[1], late));
            }
        }
        for (String agent : moved) {
            ChainState s = states.get(agent);
            saveState(c, tenantId, agent, s.epoch, s.seq, s.hash, !stateExists.get(agent));
        }
        insertEvents(c, tenantId, stored);
        return outcomes;
    }

    /**
     * Checks {@code batch} against the agent's chain state: null when it is a late batch (an older epoch, or a
     * seq below the chain head that chains to its stored predecessor; the chain does not move), else
     * {@code {gapFrom, gapTo}} ({@code {0, 0}} when nothing is missing before it).
     */
    private static long[] chain(Connection c, UUID tenantId, AuditBatch batch, String hash, ChainState state)
            throws SQLException {
        if (state == null || batch.epoch() > state.epoch) {
            return batch.seq() > 1 ? new long[] {1, batch.seq() - 1} : new long[] {0, 0};
        }
        if (batch.epoch() < state.epoch) {
            return null; // an older epoch's batch arriving late: stored, chain unchanged
        }
        if (batch.seq() == state.seq + 1) {
            if (!batch.prevHash().equals(state.hash)) {
                throw new ChainRejected(
                        "PREV_HASH_MISMATCH",
                        "prevHash of seq " + batch.seq() + " is not the hash of seq " + state.seq);
            }
            return new long[] {0, 0};
        }
        if (batch.seq() > state.seq + 1) {
            return new long[] {state.seq + 1, batch.seq() - 1};
        }
        String predecessor = hashOf(c, tenantId, batch.agentId(), batch.epoch(), batch.seq() - 1);
        if (predecessor != null && !predecessor.equals(batch.prevHash())) {
            throw new ChainRejected(
                    "PREV_HASH_MISMATCH",
                    "late batch seq " + batch.seq() + " does not chain to stored seq " + (batch.seq() - 1));
        }
        return null;
    }

    private static void insertGap(Connection c, UUID tenantId, AuditBatch batch, long from, long to)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_gaps (tenant_id, agent_id, epoch, from_seq,"
                + " to_seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setObject(1, tenantId);
            s.setString(2, batch.agentId());
            s.setLong(3, batch.epoch());
            s.setLong(4, from);
            s.setLong(5, to);
            s.executeUpdate();
        }
    }

    private static void insertEvents(Connection c, UUID tenantId, List<AuditBatch> batches) throws SQLException {
        int n = 0;
        for (AuditBatch b : batches) {
            n += b.records().size();
        }
        if (n == 0) {
            return;
        }
        String[] time = new String[n];
        String[] agent = new String[n];
        Long[] epoch = new Long[n];
        Long[] seq = new Long[n];
        Integer[] idx = new Integer[n];
        String[] id = new String[n];
        String[] sub = new String[n];
        String[] iss = new String[n];
        String[] cid = new String[n];
        String[] server = new String[n];
        String[] method = new String[n];
        String[] tool = new String[n];
        String[] digest = new String[n];
        String[] args = new String[n];
        String[] decision = new String[n];
        String[] rule = new String[n];
        String[] reason = new String[n];
        Long[] bv = new Long[n];
        Long[] lat = new Long[n];
        Integer[] status = new Integer[n];
        String[] findings = new String[n];
        int i = 0;
        for (AuditBatch batch : batches) {
            List<AuditRecord> records = batch.records();
            Long batchEpoch = batch.epoch();
            Long batchSeq = batch.seq();
            for (int k = 0; k < records.size(); k++, i++) {
                AuditRecord r = records.get(k);
                time[i] = r.time().toString();
                agent[i] = batch.agentId();
                epoch[i] = batchEpoch;
                seq[i] = batchSeq;
                idx[i] = k;
                id[i] = r.id();
                if (r.principal() != null) {
                    sub[i] = r.principal().subject();
                    iss[i] = r.principal().issuer();
                    cid[i] = r.principal().clientId();
                }
                server[i] = r.server();
                method[i] = r.method();
                tool[i] = r.tool();
                digest[i] = r.argumentDigest();
                JsonNode redacted = r.redactedArguments();
                args[i] = redacted == null ? null : CanonicalJson.string(redacted);
                decision[i] = r.decision().name();
                rule[i] = r.ruleId();
                reason[i] = r.reason();
                bv[i] = r.bundleVersion();
                lat[i] = r.latencyMicros();
                status[i] = r.upstreamStatus();
                findings[i] = findingsJson(r.findings());
            }
        }
        try (PreparedStatement s = c.prepareStatement(INSERT_EVENTS)) {
            s.setObject(1, tenantId);
            int p = 2;
            for (Object[] column : new Object[][] {
                time, agent, epoch, seq, idx, id, sub, iss, cid, server, method, tool, digest, args, decision, rule,
                reason, bv, lat, status, findings
            }) {
                s.setArray(p++, array(c, column));
            }
            s.executeUpdate();
        }
    }

    private static Array array(Connection c, Object[] values) throws SQLException {
        String type = values instanceof Long[] ? "bigint" : values instanceof Integer[] ? "integer" : "text";
        return c.createArrayOf(type, values);
    }

    static String findingsJson(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "[]";
        }
        com.fasterxml.jackson.databind.node.ArrayNode array =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (Finding f : findings) {
            com.fasterxml.jackson.databind.node.ObjectNode node = array.addObject();
            node.put("kind", f.kind().name());
            node.put("detector", f.detector());
            if (f.detail() != null) {
                node.put("detail", f.detail());
            }
        }
        return array.toString();
    }

    private record ChainState(long epoch, long seq, String hash) {}

    private static ChainState lockState(Connection c, UUID tenantId, String agentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT epoch, seq, hash FROM audit_chain_state"
                + " WHERE tenant_id = ? AND agent_id = ? FOR UPDATE")) {
            s.setObject(1, tenantId);
            s.setString(2, agentId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new ChainState(rs.getLong(1), rs.getLong(2), rs.getString(3)) : null;
            }
        }
    }

    private static void saveState(
            Connection c, UUID tenantId, String agentId, long epoch, long seq, String hash, boolean insert)
            throws SQLException {
        String sql = insert
                ? "INSERT INTO audit_chain_state (epoch, seq, hash, tenant_id, agent_id) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, agent_id) DO UPDATE SET epoch = excluded.epoch, seq = excluded.seq,"
                        + " hash = excluded.hash, updated_at = now()"
                : "UPDATE audit_chain_state SET epoch = ?, seq = ?, hash = ?, updated_at = now()"
                        + " WHERE tenant_id = ? AND agent_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, epoch);
            s.setLong(2, seq);
            s.setString(3, hash);
            s.setObject(4, tenantId);
            s.setString(5, agentId);
            s.executeUpdate();
        }
    }

    private static String hashOf(Connection c, UUID tenantId, String agentId, long epoch, long seq)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT hash FROM audit_batches WHERE tenant_id = ? AND agent_id = ? AND epoch = ? AND seq = ?")) {
            s.setObject(1, tenantId);
            s.setString(2, agentId);
            s.setLong(3, epoch);
            s.setLong(4, seq);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
