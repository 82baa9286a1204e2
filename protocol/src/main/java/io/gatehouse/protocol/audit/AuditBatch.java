package io.gatehouse.protocol.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.protocol.signing.CanonicalJson;
import io.gatehouse.protocol.signing.Digests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One numbered, hash-chained unit of audit shipping. A {@link Kind#RECORDS} batch carries 1..{@link
 * #MAX_RECORDS} records; a {@link Kind#GAP} batch carries no records and an {@link AuditGap} instead.
 *
 * @param tenant tenant id
 * @param agentId the agent that wrote the batch
 * @param epoch WAL generation of that agent, ≥ 1 (a reinstalled agent starts a new epoch)
 * @param seq 1 for the first batch of an epoch, then +1 per batch
 * @param prevHash {@link #hash()} of the previous batch of the epoch, or {@link #GENESIS_HASH} for seq 1
 * @param createdAt when the batch was closed
 * @param records the records (empty for a gap batch)
 * @param gap the gap statement, only for a gap batch
 */
public record AuditBatch(
        String tenant,
        String agentId,
        long epoch,
        long seq,
        String prevHash,
        Instant createdAt,
        List<AuditRecord> records,
        AuditGap gap) {

    /** Wire format version, written as {@code format}. */
    public static final int FORMAT = 1;

    /** Most records one batch may carry. */
    public static final int MAX_RECORDS = 10_000;

    /** {@code prevHash} of the first batch of every epoch: 32 zero bytes, unpadded base64url. */
    public static final String GENESIS_HASH = "A".repeat(43);

    private static final Set<String> MEMBERS =
            Set.of("format", "kind", "tenant", "agentId", "epoch", "seq", "prevHash", "createdAt", "records", "gap");

    /** Whether a batch carries records or states a deliberate gap. */
    public enum Kind {
        RECORDS,
        GAP
    }

    public AuditBatch {
        AuditJson.requireId("tenant", tenant);
        AuditJson.requireId("agentId", agentId);
        AuditJson.requireRange("epoch", epoch, 1, CanonicalJson.MAX_SAFE_INTEGER);
        AuditJson.requireRange("seq", seq, 1, CanonicalJson.MAX_SAFE_INTEGER);
        AuditJson.requirePattern("prevHash", prevHash, "[A-Za-z0-9_-]{43}");
        if (seq == 1 && !GENESIS_HASH.equals(prevHash)) {
            throw new IllegalArgumentException("prevHash: seq 1 must chain to the genesis hash");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        if (gap == null && records.isEmpty()) {
            throw new IllegalArgumentException("records: empty (a batch without records must be a gap batch)");
        }
        if (gap != null && !records.isEmpty()) {
            throw new IllegalArgumentException("records: a gap batch carries no records, found " + records.size());
        }
        if (records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("records: " + records.size() + " (expected: <= " + MAX_RECORDS + ")");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            AuditRecord record = records.get(i);
            if (!record.tenant().equals(tenant) || !record.agentId().equals(agentId)) {
                throw new IllegalArgumentException("records[" + i + "]: belongs to tenant " + record.tenant()
                        + " / agent " + record.agentId() + ", not to this batch's " + tenant + " / " + agentId);
            }
            if (!ids.add(record.id())) {
                throw new IllegalArgumentException("records[" + i + "]: duplicate id " + record.id());
            }
        }
    }

    /** A records batch that follows {@code position} (same epoch, next seq, chained to its hash). */
    public static AuditBatch records(
            String tenant, String agentId, ChainPosition position, Instant createdAt, List<AuditRecord> records) {
        return new AuditBatch(
                tenant, agentId, position.epoch(), position.seq() + 1, position.hash(), createdAt, records, null);
    }

    /** A gap batch that follows {@code position}. */
    public static AuditBatch gap(
            String tenant, String agentId, ChainPosition position, Instant createdAt, AuditGap gap) {
        return new AuditBatch(
                tenant,
                agentId,
                position.epoch(),
                position.seq() + 1,
                position.hash(),
                createdAt,
                List.of(),
                Objects.requireNonNull(gap, "gap"));
    }

    public Kind kind() {
        return gap == null ? Kind.RECORDS : Kind.GAP;
    }

    /** The JSON form (a new tree each call). */
    public ObjectNode toJson() {
        ObjectNode node = CanonicalJson.object();
        node.put("format", FORMAT);
        node.put("kind", kind().name());
        node.put("tenant", tenant);
        node.put("agentId", agentId);
        node.put("epoch", epoch);
        node.put("seq", seq);
        node.put("prevHash", prevHash);
        node.put("createdAt", createdAt.toString());
        ArrayNode array = node.putArray("records");
        for (AuditRecord record : records) {
            array.add(AuditJson.write(record));
        }
        if (gap != null) {
            node.set("gap", AuditJson.write(gap));
        }
        return node;
    }

    /** Canonical JSON bytes: what is signed and hashed. */
    public byte[] canonicalBytes() {
        // written directly in canonical member order: byte-identical to CanonicalJson.bytes(toJson()), without
        // building the tree (a 1000-record batch is encoded on every seal and every ingest)
        StringBuilder out = new StringBuilder(512 + 512 * records.size());
        AuditJson.writeCanonical(this, out);
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** SHA-256 of {@link #canonicalBytes()}, unpadded base64url: the next batch's {@code prevHash}. */
    public String hash() {
        return Digests.sha256Base64Url(canonicalBytes());
    }

    /**
     * Parses canonical batch JSON strictly: unknown members, nulls, a wrong {@code format} or {@code kind},
     * and any non-canonical encoding are rejected with {@link IllegalArgumentException}.
     */
    public static AuditBatch parse(byte[] canonicalJson) {
        JsonNode node = CanonicalJson.parse(canonicalJson);
        AuditBatch batch = fromJson(node);
        if (!java.util.Arrays.equals(batch.canonicalBytes(), canonicalJson)) {
            throw new IllegalArgumentException("batch JSON is not in canonical form");
        }
        return batch;
    }

    /** Reads the JSON form (no canonical-form check; see {@link #parse}). */
    public static AuditBatch fromJson(JsonNode node) {
        AuditJson.only(node, "batch", MEMBERS);
        long format = AuditJson.integer(node, "format");
        if (format != FORMAT) {
            throw new IllegalArgumentException("format: " + format + " (supported: " + FORMAT + ")");
        }
        Kind kind = AuditJson.enumValue(Kind.class, node, "kind");
        JsonNode array = AuditJson.member(node, "records");
        if (!array.isArray()) {
            throw new IllegalArgumentException("records: expected an array");
        }
        List<AuditRecord> records = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            records.add(AuditJson.readRecord(array.get(i), "records[" + i + "]"));
        }
        JsonNode gapNode = node.get("gap");
        AuditGap gap = gapNode == null ? null : AuditJson.readGap(gapNode, "gap");
        if ((kind == Kind.GAP) != (gap != null)) {
            throw new IllegalArgumentException("kind: " + kind + " does not match the presence of gap");
        }
        return new AuditBatch(
                AuditJson.text(node, "tenant"),
                AuditJson.text(node, "agentId"),
                AuditJson.integer(node, "epoch"),
                AuditJson.integer(node, "seq"),
                AuditJson.text(node, "prevHash"),
                AuditJson.instant(node, "createdAt"),
                records,
                gap);
    }

    @Override
    public String toString() {
        return "AuditBatch[tenant=" + tenant + ", agentId=" + agentId + ", epoch=" + epoch + ", seq=" + seq + ", kind="
                + kind() + ", records=" + records.size() + "]";
    }
}
