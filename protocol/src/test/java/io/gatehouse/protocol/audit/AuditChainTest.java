package io.gatehouse.protocol.audit;

import static io.gatehouse.protocol.audit.AuditFixtures.AGENT;
import static io.gatehouse.protocol.audit.AuditFixtures.AGENT_KEY;
import static io.gatehouse.protocol.audit.AuditFixtures.T0;
import static io.gatehouse.protocol.audit.AuditFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import io.gatehouse.protocol.signing.AgentIdentity;
import io.gatehouse.protocol.signing.CanonicalJson;
import io.gatehouse.protocol.signing.Jws;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final List<SignedAuditBatch> CHAIN = AuditFixtures.chain(5);

    private static List<String> compacts(List<SignedAuditBatch> batches) {
        return new ArrayList<>(batches.stream().map(SignedAuditBatch::compact).toList());
    }

    private static AuditChain.Report verify(List<String> batches) {
        return AuditChain.verify(batches, TENANT, AGENT, AGENT_KEY.publicJwk(), ChainPosition.genesis(1));
    }

    private static void assertBreak(AuditChain.Report report, long index, long seq, ChainBreak.Reason reason) {
        assertThat(report.ok()).isFalse();
        assertThat(report.firstBreak()).get().satisfies(b -> {
            assertThat(b.reason()).isEqualTo(reason);
            assertThat(b.index()).isEqualTo(index);
            assertThat(b.seq()).isEqualTo(seq);
        });
        assertThat(report.verified()).isEqualTo(index);
    }

    @Test
    void validChainVerifies() {
        AuditChain.Report report = verify(compacts(CHAIN));
        assertThat(report.ok()).isTrue();
        assertThat(report.verified()).isEqualTo(5);
        assertThat(report.end()).isEqualTo(ChainPosition.after(CHAIN.get(4).batch()));
    }

    @Test
    void oneTamperedByteInAMiddleBatchIsFoundThere() {
        List<String> batches = compacts(CHAIN);
        String[] parts = batches.get(2).split("\\.");
        byte[] payload = new Base64URL(parts[1]).decode();
        int at = new String(payload, java.nio.charset.StandardCharsets.UTF_8).indexOf("\"DENY\"") + 1;
        payload[at] = 'A'; // "DENY" -> "AENY"
        batches.set(2, parts[0] + "." + Base64URL.encode(payload) + "." + parts[2]);

        assertBreak(verify(batches), 2, -1, ChainBreak.Reason.BAD_SIGNATURE);
    }

    @Test
    void aMissingBatchIsASeqGap() {
        List<String> batches = compacts(CHAIN);
        batches.remove(2);
        AuditChain.Report report = verify(batches);
        assertBreak(report, 2, 4, ChainBreak.Reason.SEQ_GAP);
        assertThat(report.firstBreak().get().message()).contains("expected 3").contains("1 batch(es) missing");
        assertThat(report.end().seq()).isEqualTo(2);
    }

    @Test
    void reorderedBatchesBreakAtTheFirstOutOfPlaceOne() {
        List<String> batches = compacts(CHAIN);
        String third = batches.remove(2);
        batches.add(3, third); // 1 2 4 3 5
        assertBreak(verify(batches), 2, 4, ChainBreak.Reason.SEQ_GAP);

        List<String> rewound = compacts(CHAIN);
        rewound.add(3, rewound.get(1)); // 1 2 3 2 ...
        assertBreak(verify(rewound), 3, 2, ChainBreak.Reason.SEQ_REWIND);
    }

    @Test
    void aRedeliveredBatchIsADuplicate() {
        List<String> batches = compacts(CHAIN);
        batches.add(2, batches.get(1));
        assertBreak(verify(batches), 2, 2, ChainBreak.Reason.DUPLICATE);
    }

    @Test
    void aBatchSignedByAnotherAgentIsRejected() {
        AgentIdentity other = AgentIdentity.generate();
        List<String> batches = compacts(CHAIN);
        batches.set(3, SignedAuditBatch.sign(CHAIN.get(3).batch(), other).compact());
        AuditChain.Report report = verify(batches);
        assertBreak(report, 3, -1, ChainBreak.Reason.BAD_SIGNATURE);
        assertThat(report.firstBreak().get().message()).contains(other.keyId()).contains(AGENT_KEY.keyId());
    }

    @Test
    void aBatchFromAnotherAgentIdOrTenantIsRejectedEvenWithAValidSignature() {
        AuditRecord record = new AuditRecord(
                "r-z",
                T0,
                TENANT,
                "agent-other",
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
        ChainPosition after2 = ChainPosition.after(CHAIN.get(1).batch());
        AuditBatch wrongAgent = AuditBatch.records(TENANT, "agent-other", after2, T0, List.of(record));
        List<String> batches = compacts(CHAIN.subList(0, 2));
        batches.add(SignedAuditBatch.sign(wrongAgent, AGENT_KEY).compact());
        assertBreak(verify(batches), 2, 3, ChainBreak.Reason.WRONG_AGENT);

        AuditRecord foreign = new AuditRecord(
                "r-z",
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
        AuditBatch wrongTenant = AuditBatch.records("t-other", AGENT, after2, T0, List.of(foreign));
        batches.set(2, SignedAuditBatch.sign(wrongTenant, AGENT_KEY).compact());
        assertBreak(verify(batches), 2, 3, ChainBreak.Reason.WRONG_TENANT);
    }

    @Test
    void aWronglyChainedButValidlySignedBatchIsAPrevHashMismatch() {
        ChainPosition forged = new ChainPosition(1, 2, CHAIN.get(0).hash()); // seq 2 but hash of seq 1
        AuditBatch batch = AuditBatch.records(TENANT, AGENT, forged, T0, List.of(AuditFixtures.allowed("r-q", T0)));
        List<String> batches = compacts(CHAIN.subList(0, 2));
        batches.add(SignedAuditBatch.sign(batch, AGENT_KEY).compact());
        assertBreak(verify(batches), 2, 3, ChainBreak.Reason.PREV_HASH_MISMATCH);
    }

    @Test
    void aGapBatchKeepsTheChainIntactWhileStatingTheLoss() {
        ChainPosition after5 = ChainPosition.after(CHAIN.get(4).batch());
        AuditBatch gap = AuditBatch.gap(
                TENANT,
                AGENT,
                after5,
                T0.plusSeconds(90),
                new AuditGap(37, "DISK_FULL", T0.plusSeconds(30), T0.plusSeconds(80)));
        List<String> batches = compacts(CHAIN);
        batches.add(SignedAuditBatch.sign(gap, AGENT_KEY).compact());
        AuditChain.Report report = verify(batches);
        assertThat(report.ok()).isTrue();
        assertThat(report.end().seq()).isEqualTo(6);
    }

    @Test
    void epochsRestartAtSeqOneAndNeverGoBack() {
        AuditBatch newEpoch = AuditBatch.records(
                TENANT, AGENT, ChainPosition.genesis(2), T0, List.of(AuditFixtures.allowed("r-e2", T0)));
        List<String> batches = compacts(CHAIN.subList(0, 2));
        batches.add(SignedAuditBatch.sign(newEpoch, AGENT_KEY).compact());
        batches.add(CHAIN.get(2).compact()); // back to epoch 1
        assertBreak(verify(batches), 3, 3, ChainBreak.Reason.WRONG_EPOCH);

        AuditBatch jump = new AuditBatch(
                TENANT, AGENT, 3, 2, CHAIN.get(0).hash(), T0, List.of(AuditFixtures.allowed("r-e3", T0)), null);
        List<String> jumped = compacts(CHAIN.subList(0, 1));
        jumped.add(SignedAuditBatch.sign(jump, AGENT_KEY).compact());
        assertBreak(verify(jumped), 1, 2, ChainBreak.Reason.WRONG_EPOCH);
    }

    @Test
    void garbageIsMalformed() {
        List<String> batches = compacts(CHAIN.subList(0, 1));
        batches.add("garbage");
        assertBreak(verify(batches), 1, -1, ChainBreak.Reason.MALFORMED);

        // Correctly signed, but the payload is not canonical JSON.
        byte[] spaced = (" "
                        + new String(CHAIN.get(1).batch().canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        batches.set(1, Jws.sign(AGENT_KEY.signingKey(), SignedAuditBatch.TYPE, spaced));
        assertBreak(verify(batches), 1, -1, ChainBreak.Reason.MALFORMED);
        assertThat(CanonicalJson.parse(spaced)).isNotNull();
    }

    @Test
    void streamingVerifierKeepsOnlyThePositionAndResumesAfterARejectedBatch() {
        AtomicInteger produced = new AtomicInteger();
        Iterable<String> lazy = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return produced.get() < CHAIN.size();
            }

            @Override
            public String next() {
                return CHAIN.get(produced.getAndIncrement()).compact();
            }
        };
        AuditChain.Report report =
                AuditChain.verify(lazy, TENANT, AGENT, AGENT_KEY.publicJwk(), ChainPosition.genesis(1));
        assertThat(report.ok()).isTrue();
        assertThat(produced).hasValue(5);

        // Ingest-style: a poison batch is reported, the position does not move, and the chain continues.
        AuditChainVerifier verifier = new AuditChainVerifier(
                TENANT,
                AGENT,
                AGENT_KEY.publicJwk(),
                ChainPosition.after(CHAIN.get(1).batch()));
        assertThat(verifier.accept("poison")).isInstanceOf(AuditChainVerifier.Broken.class);
        assertThat(verifier.position().seq()).isEqualTo(2);
        assertThat(verifier.accept(CHAIN.get(2).compact())).isInstanceOf(AuditChainVerifier.Accepted.class);
        assertThat(verifier.accept(CHAIN.get(3).compact()))
                .isInstanceOfSatisfying(
                        AuditChainVerifier.Accepted.class,
                        a -> assertThat(a.batch().batch().seq()).isEqualTo(4));
        assertThat(verifier.position())
                .isEqualTo(ChainPosition.after(CHAIN.get(3).batch()));
    }
}
