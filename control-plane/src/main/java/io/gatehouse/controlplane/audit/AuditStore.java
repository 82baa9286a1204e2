package io.gatehouse.controlplane.audit;

import io.gatehouse.protocol.audit.AuditBatch;
import io.gatehouse.protocol.audit.AuditRecord;
import io.gatehouse.protocol.audit.Finding;
import io.gatehouse.protocol.audit.SignedAuditBatch;
import io.gatehouse.protocol.signing.CanonicalJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
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

    private static final String INSERT_EVENTS = "INSERT INTO audit_events (tenant_id, time, agent_id, epoch, seq, idx,"
            + " record_id, principal_subject, principal_issuer, client_id, server, method, tool, argument_digest,"
            + " redacted_arguments, decision, rule_id, reason, bundle_version, latency_micros, upstream_status, findings)"
            + " SELECT ?, t.time, ?, ?, ?, t.idx, t.record_id, t.sub, t.iss, t.cid, t.server, t.method, t.tool, t.digest,"
            + " t.args::jsonb, t.decision, t.rule, t.reason, t.bv, t.lat, t.status, t.findings::jsonb"
            + " FROM unnest(?::text[]::timestamptz[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],"
            + " ?::int[], ?::text[])"
            + " AS t(time, idx, record_id, sub, iss, cid, server, method, tool, digest, args, decision, rule, reason,"
            + " bv, lat, status, findings)";

    private AuditStore() {}

    static Outcome store(Connection c, UUID tenantId, SignedAuditBatch signed) throws SQLException {
        AuditBatch batch = signed.batch();
        List<AuditRecord> records = batch.records();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_batches (tenant_id, agent_id, epoch, seq,"
                + " kind, hash, prev_hash, record_count, first_time, last_time, created_at, jws)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setObject(1, tenantId);
            s.setString(2, batch.agentId());
            s.setLong(3, batch.epoch());
            s.setLong(4, batch.seq());
            s.setString(5, batch.kind().name());
            s.setString(6, signed.hash());
            s.setString(7, batch.prevHash());
            s.setInt(8, records.size());
            s.setTimestamp(
                    9, records.isEmpty() ? null : Timestamp.from(records.get(0).time()));
            s.setTimestamp(
                    10,
                    records.isEmpty()
                            ? null
                            : Timestamp.from(records.get(records.size() - 1).time()));
            s.setTimestamp(11, Timestamp.from(batch.createdAt()));
            s.setString(12, signed.compact());
            if (s.executeUpdate() == 0) {
                return new Duplicate();
            }
        }
        long gapFrom = 0;
        long gapTo = 0;
        boolean late = false;
        ChainState state = lockState(c, tenantId, batch.agentId());
        if (state == null || batch.epoch() > state.epoch) {
            if (batch.seq() > 1) {
                gapFrom = 1;
                gapTo = batch.seq() - 1;
            }
        } else if (batch.epoch() < state.epoch) {
            late = true; // an older epoch's batch arriving late: stored, chain unchanged
        } else if (batch.seq() == state.seq + 1) {
            if (!batch.prevHash().equals(state.hash)) {
                throw new ChainRejected(
                        "PREV_HASH_MISMATCH",
                        "prevHash of seq " + batch.seq() + " is not the hash of seq " + state.seq);
            }
        } else if (batch.seq() > state.seq + 1) {
            gapFrom = state.seq + 1;
            gapTo = batch.seq() - 1;
        } else {
            late = true;
            String predecessor = hashOf(c, tenantId, batch.agentId(), batch.epoch(), batch.seq() - 1);
            if (predecessor != null && !predecessor.equals(batch.prevHash())) {
                throw new ChainRejected(
                        "PREV_HASH_MISMATCH",
                        "late batch seq " + batch.seq() + " does not chain to stored seq " + (batch.seq() - 1));
            }
        }
        if (!late) {
            saveState(c, tenantId, batch.agentId(), batch.epoch(), batch.seq(), signed.hash(), state == null);
        }
        if (gapFrom > 0) {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO audit_gaps (tenant_id, agent_id, epoch, from_seq,"
                            + " to_seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setObject(1, tenantId);
                s.setString(2, batch.agentId());
                s.setLong(3, batch.epoch());
                s.setLong(4, gapFrom);
                s.setLong(5, gapTo);
                s.executeUpdate();
            }
        }
        long denies = 0;
        if (!records.isEmpty()) {
            denies = insertEvents(c, tenantId, batch);
        }
        return new Stored(records.size(), denies, gapFrom, gapTo, late);
    }

    private static long insertEvents(Connection c, UUID tenantId, AuditBatch batch) throws SQLException {
        List<AuditRecord> records = batch.records();
        int n = records.size();
        String[] time = new String[n];
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
        long denies = 0;
        for (int i = 0; i < n; i++) {
            AuditRecord r = records.get(i);
            time[i] = r.time().toString();
            idx[i] = i;
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
            args[i] = r.redactedArguments() == null ? null : CanonicalJson.string(r.redactedArguments());
            decision[i] = r.decision().name();
            if (r.decision() == io.gatehouse.protocol.audit.Decision.DENY) {
                denies++;
            }
            rule[i] = r.ruleId();
            reason[i] = r.reason();
            bv[i] = r.bundleVersion();
            lat[i] = r.latencyMicros();
            status[i] = r.upstreamStatus();
            findings[i] = findingsJson(r.findings());
        }
        try (PreparedStatement s = c.prepareStatement(INSERT_EVENTS)) {
            s.setObject(1, tenantId);
            s.setString(2, batch.agentId());
            s.setLong(3, batch.epoch());
            s.setLong(4, batch.seq());
            int p = 5;
            for (Object[] column : new Object[][] {
                time, idx, id, sub, iss, cid, server, method, tool, digest, args, decision, rule, reason, bv, lat,
                status, findings
            }) {
                s.setArray(p++, array(c, column));
            }
            s.executeUpdate();
        }
        return denies;
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
