package io.gatehouse.protocol.audit;

import static io.gatehouse.protocol.audit.AuditFixtures.AGENT;
import static io.gatehouse.protocol.audit.AuditFixtures.AGENT_KEY;
import static io.gatehouse.protocol.audit.AuditFixtures.T0;
import static io.gatehouse.protocol.audit.AuditFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.protocol.signing.CanonicalJson;
import io.gatehouse.protocol.signing.Digests;
import io.gatehouse.protocol.signing.Golden;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuditBatchTest {

    private static AuditBatch recordsBatch() {
        return AuditBatch.records(
                TENANT,
                AGENT,
                ChainPosition.genesis(1),
                T0.plusSeconds(5),
                List.of(
                        AuditFixtures.allowed("r-1", T0),
                        AuditFixtures.denied("r-2", T0.plusMillis(250)),
                        AuditFixtures.unauthenticated("r-3", T0.plusMillis(900))));
    }

    private static AuditBatch gapBatch() {
        AuditBatch first = recordsBatch();
        return AuditBatch.gap(
                TENANT,
                AGENT,
                ChainPosition.after(first),
                T0.plusSeconds(60),
                new AuditGap(1200, "DISK_FULL", T0.plusSeconds(6), T0.plusSeconds(59)));
    }

    @Test
    void recordsBatchMatchesTheGoldenFile() {
        AuditBatch batch = recordsBatch();
        Golden.assertMatches("audit/batch-records.json", new String(batch.canonicalBytes(), StandardCharsets.UTF_8));
        Golden.assertMatches("audit/batch-records.sha256", batch.hash());
        assertThat(AuditBatch.parse(Golden.read("audit/batch-records.json").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(batch);
    }

    @Test
    void gapBatchMatchesTheGoldenFileAndChainsToItsPredecessor() {
        AuditBatch gap = gapBatch();
        Golden.assertMatches("audit/batch-gap.json", new String(gap.canonicalBytes(), StandardCharsets.UTF_8));
        assertThat(gap.kind()).isEqualTo(AuditBatch.Kind.GAP);
        assertThat(gap.seq()).isEqualTo(2);
        assertThat(gap.prevHash()).isEqualTo(recordsBatch().hash());
        assertThat(AuditBatch.parse(gap.canonicalBytes())).isEqualTo(gap);
    }

    @Test
    void hashIsSha256OfTheCanonicalBytesAndGenesisIsThirtyTwoZeroBytes() {
        AuditBatch batch = recordsBatch();
        assertThat(batch.hash()).isEqualTo(Digests.sha256Base64Url(batch.canonicalBytes()));
        assertThat(AuditBatch.GENESIS_HASH)
                .isEqualTo(com.nimbusds.jose.util.Base64URL.encode(new byte[32]).toString());
        assertThat(batch.prevHash()).isEqualTo(AuditBatch.GENESIS_HASH);
        assertThat(batch.seq()).isEqualTo(1);
    }

    @Test
    void goldenSignedBatchStillVerifies() throws Exception {
        if (Boolean.getBoolean("gatehouse.golden.update")) {
            Golden.assertMatches(
                    "audit/batch-records.jws",
                    SignedAuditBatch.sign(recordsBatch(), AGENT_KEY).compact());
        }
        SignedAuditBatch verified =
                SignedAuditBatch.verify(Golden.read("audit/batch-records.jws"), AGENT_KEY.publicJwk());
        assertThat(verified.batch()).isEqualTo(recordsBatch());
        assertThat(verified.hash()).isEqualTo(Golden.read("audit/batch-records.sha256"));
    }

    @Test
    void argumentDigestIsIndependentOfMemberOrder() {
        ObjectNode a = CanonicalJson.object().put("b", 1).put("a", "x");
        ObjectNode b = CanonicalJson.object().put("a", "x").put("b", 1);
        assertThat(AuditRecord.digestArguments(a))
                .isEqualTo(AuditRecord.digestArguments(b))
                .hasSize(43);
    }

    @Test
    void parseRejectsNonCanonicalUnknownAndNullMembers() {
        String golden = Golden.read("audit/batch-records.json");
        assertThatThrownBy(() -> AuditBatch.parse((" " + golden).getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not in canonical form");
        ObjectNode extra = recordsBatch().toJson().put("comment", "hi");
        assertThatThrownBy(() -> AuditBatch.fromJson(extra)).hasMessageContaining("unknown member 'comment'");
        ObjectNode nulled = recordsBatch().toJson();
        ((ObjectNode) nulled.get("records").get(0)).putNull("tool");
        assertThatThrownBy(() -> AuditBatch.fromJson(nulled)).hasMessageContaining("tool: null");
        ObjectNode future = recordsBatch().toJson().put("format", 2);
        assertThatThrownBy(() -> AuditBatch.fromJson(future)).hasMessageContaining("format: 2");
        ObjectNode badTime = recordsBatch().toJson().put("createdAt", "2026-11-24T02:00:05.000Z");
        assertThatThrownBy(() -> AuditBatch.fromJson(badTime)).hasMessageContaining("canonical form");
        ObjectNode wrongKind = gapBatch().toJson().put("kind", "RECORDS");
        assertThatThrownBy(() -> AuditBatch.fromJson(wrongKind)).hasMessageContaining("does not match");
    }

    @Test
    void recordValidationNamesTheBadField() {
        AuditRecord ok = AuditFixtures.allowed("r-1", T0);
        assertThatThrownBy(() -> new AuditRecord(
                        "bad id",
                        T0,
                        TENANT,
                        AGENT,
                        null,
                        "s",
                        "m",
                        null,
                        null,
                        null,
                        Decision.ALLOW,
                        null,
                        "OK",
                        0,
                        0,
                        null,
                        List.of()))
                .hasMessageContaining("id: 'bad id'");
        assertThatThrownBy(() -> new AuditRecord(
                        "r",
                        T0,
                        TENANT,
                        AGENT,
                        null,
                        "s",
                        "m",
                        null,
                        "abc",
                        null,
                        Decision.ALLOW,
                        null,
                        "OK",
                        0,
                        0,
                        null,
                        List.of()))
                .hasMessageContaining("argumentDigest");
        assertThatThrownBy(() -> new AuditRecord(
                        "r",
                        T0,
                        TENANT,
                        AGENT,
                        null,
                        "s",
                        "m",
                        null,
                        null,
                        null,
                        Decision.ALLOW,
                        null,
                        "not upper",
                        0,
                        0,
                        null,
                        List.of()))
                .hasMessageContaining("reason: 'not upper'");
        assertThatThrownBy(() -> new AuditRecord(
                        "r",
                        T0,
                        TENANT,
                        AGENT,
                        null,
                        "s",
                        "m",
                        null,
                        null,
                        null,
                        Decision.ALLOW,
                        null,
                        "OK",
                        -1,
                        0,
                        null,
                        List.of()))
                .hasMessageContaining("bundleVersion: -1");
        assertThatThrownBy(() -> new AuditRecord(
                        "r",
                        T0,
                        TENANT,
                        AGENT,
                        null,
                        "s",
                        "m",
                        null,
                        null,
                        null,
                        Decision.ALLOW,
                        null,
                        "OK",
                        0,
                        -5,
                        null,
                        List.of()))
                .hasMessageContaining("latencyMicros: -5");
        assertThatThrownBy(() -> new AuditRecord(
                        "r",
                        T0,
                        TENANT,
                        AGENT,
                        null,
                        "s",
                        "m",
                        null,
                        null,
                        null,
                        Decision.ALLOW,
                        null,
                        "OK",
                        0,
                        0,
                        99,
                        List.of()))
                .hasMessageContaining("upstreamStatus: 99");
        assertThatThrownBy(() -> new AuditRecord(
                        "r",
                        T0,
                        TENANT,
                        AGENT,
                        null,
                        "s",
                        "m",
                        null,
                        null,
                        CanonicalJson.object().arrayNode(),
                        Decision.ALLOW,
                        null,
                        "OK",
                        0,
                        0,
                        null,
                        List.of()))
                .hasMessageContaining("redactedArguments: expected a JSON object");
        assertThatThrownBy(() -> new AuditRecord(
                        "r",
                        T0,
                        TENANT,
                        AGENT,
                        null,
                        "s",
                        "m\n",
                        null,
                        null,
                        null,
                        Decision.ALLOW,
                        null,
                        "OK",
                        0,
                        0,
                        null,
                        List.of()))
                .hasMessageContaining("method: contains control characters");
        assertThatThrownBy(() -> new Finding(Finding.Kind.REDACTION, "Bad Detector", null))
                .hasMessageContaining("finding.detector");
        assertThat(ok.redactedArguments()).isNotSameAs(ok.redactedArguments());
    }

    @Test
    void batchValidationEnforcesMembershipAndShape() {
        AuditRecord foreign = new AuditRecord(
                "r-x",
                T0,
                "t-other",
                AGENT,
                null,
                "s",
                "m",
                null,
                null,
                null,
                Decision.ALLOW,
                null,
                "OK",
                0,
                0,
                null,
                List.of());
        ChainPosition start = ChainPosition.genesis(1);
        assertThatThrownBy(() -> AuditBatch.records(TENANT, AGENT, start, T0, List.of(foreign)))
                .hasMessageContaining("belongs to tenant t-other");
        assertThatThrownBy(() -> AuditBatch.records(TENANT, AGENT, start, T0, List.of()))
                .hasMessageContaining("must be a gap batch");
        AuditRecord r = AuditFixtures.allowed("r-1", T0);
        assertThatThrownBy(() -> AuditBatch.records(TENANT, AGENT, start, T0, List.of(r, r)))
                .hasMessageContaining("duplicate id r-1");
        assertThatThrownBy(() -> new AuditBatch(TENANT, AGENT, 1, 1, "B".repeat(43), T0, List.of(r), null))
                .hasMessageContaining("genesis");
        assertThatThrownBy(() -> new AuditBatch(TENANT, AGENT, 1, 0, AuditBatch.GENESIS_HASH, T0, List.of(r), null))
                .hasMessageContaining("seq: 0");
        assertThatThrownBy(() -> new AuditGap(0, "DISK_FULL", T0, T0)).hasMessageContaining("droppedRecords: 0");
        assertThatThrownBy(() -> new AuditGap(1, "DISK_FULL", T0, T0.minusSeconds(1)))
                .hasMessageContaining("before");
    }

    @Test
    void randomBatchesRoundTripThroughSigning() throws Exception {
        Random random = new Random(5);
        ChainPosition position = ChainPosition.genesis(3);
        for (int i = 0; i < 20; i++) {
            int count = 1 + random.nextInt(30);
            List<AuditRecord> records = new java.util.ArrayList<>();
            for (int j = 0; j < count; j++) {
                java.time.Instant at = T0.plusNanos(random.nextLong(1_000_000_000_000L));
                records.add(
                        switch (random.nextInt(3)) {
                            case 0 -> AuditFixtures.allowed("r-" + i + "-" + j, at);
                            case 1 -> AuditFixtures.denied("r-" + i + "-" + j, at);
                            default -> AuditFixtures.unauthenticated("r-" + i + "-" + j, at);
                        });
            }
            AuditBatch batch = AuditBatch.records(TENANT, AGENT, position, T0.plusSeconds(i), records);
            SignedAuditBatch signed = SignedAuditBatch.sign(batch, AGENT_KEY);
            SignedAuditBatch verified = SignedAuditBatch.verify(signed.compact(), AGENT_KEY.publicJwk());
            assertThat(verified.batch()).isEqualTo(batch);
            assertThat(verified.hash()).isEqualTo(batch.hash());
            position = ChainPosition.after(batch);
        }
        assertThat(position.seq()).isEqualTo(20);
    }
}
