package io.gatehouse.dataplane.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.protocol.audit.AuditBatch;
import io.gatehouse.protocol.audit.AuditChain;
import io.gatehouse.protocol.audit.ChainPosition;
import io.gatehouse.protocol.audit.SignedAuditBatch;
import io.gatehouse.protocol.signing.AgentIdentity;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditWalTest {

    static final AgentIdentity AGENT = AgentIdentity.generate();

    @TempDir
    Path dir;

    static AuditRecord call(String id) {
        return new AuditRecord(
                Instant.parse("2026-11-24T05:00:00Z"),
                id,
                "t1",
                3,
                "files",
                "alice",
                "https://idp.test",
                "client-1",
                "POST",
                "tools/call",
                "read_file",
                "",
                "",
                "allow",
                "",
                200,
                1.5,
                "",
                null,
                "",
                List.of());
    }

    WalSettings settings(int records, int bytes, Duration delay) {
        return new WalSettings(
                dir, records, bytes, delay, 64 * 1024, 64L * 1024 * 1024, 1024, WalSettings.WhenFull.BLOCK);
    }

    AuditWal open(WalSettings settings) throws IOException {
        return AuditWal.open(settings, AGENT, "t1", "agent-1", Clock.systemUTC());
    }

    static List<SealedBatch> readAll(AuditWal wal, long after) throws Exception {
        List<SealedBatch> batches = new ArrayList<>();
        try (AuditWal.Reader reader = wal.reader()) {
            long seq = after;
            SealedBatch b;
            while ((b = reader.next(seq, Duration.ofMillis(300))) != null) {
                batches.add(b);
                seq = b.seq();
            }
        }
        return batches;
    }

    static AuditBatch verify(SealedBatch b) throws Exception {
        return SignedAuditBatch.verify(b.compact(), AGENT.publicJwk()).batch();
    }

    @Test
    void closesBatchesAtTheRecordLimitAndChainsThem() throws Exception {
        try (AuditWal wal = open(settings(10, 1024 * 1024, Duration.ofMinutes(1)))) {
            for (int i = 0; i < 35; i++) {
                wal.accept(call("rec-" + i));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> wal.lastSealedSeq() == 3);
            List<SealedBatch> batches = readAll(wal, 0);
            assertThat(batches).extracting(SealedBatch::seq).containsExactly(1L, 2L, 3L);
            assertThat(verify(batches.get(0)).records()).hasSize(10);
            assertThat(verify(batches.get(0)).records().get(0).id()).isEqualTo("rec-0");
            AuditChain.Report report = AuditChain.verify(
                    batches.stream().map(SealedBatch::compact).toList(),
                    "t1",
                    "agent-1",
                    AGENT.publicJwk(),
                    ChainPosition.genesis(wal.epoch()));
            assertThat(report.ok()).isTrue();
            assertThat(report.verified()).isEqualTo(3);
        }
    }

    @Test
    void closesBatchesAtTheByteLimitAndAfterTheDelay() throws Exception {
        try (AuditWal wal = open(settings(1000, 2048, Duration.ofMillis(300)))) {
            for (int i = 0; i < 20; i++) {
                wal.accept(call("rec-" + i));
            }
            // ~350 bytes per record: 2 KiB closes a batch every 5 records; the rest closes after 300 ms
            await().atMost(Duration.ofSeconds(5)).until(() -> wal.lastSealedSeq() >= 4);
            List<SealedBatch> batches = readAll(wal, 0);
            int total = 0;
            for (SealedBatch b : batches) {
                AuditBatch batch = verify(b);
                assertThat(batch.canonicalBytes().length).isLessThan(2048 + 600);
                total += batch.records().size();
            }
            assertThat(total).isEqualTo(20);
            long before = wal.lastSealedSeq();
            wal.accept(call("late"));
            await().atMost(Duration.ofSeconds(3)).until(() -> wal.lastSealedSeq() == before + 1);
        }
    }

    @Test
    void recoversSealedBatchesAndUnsealedRecordsAndTruncatesATornTail() throws Exception {
        long epoch;
        try (AuditWal wal = open(settings(10, 1024 * 1024, Duration.ofMinutes(10)))) {
            epoch = wal.epoch();
            for (int i = 0; i < 14; i++) {
                wal.accept(call("rec-" + i));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> wal.lastSealedSeq() == 1 && wal.recordsWritten() == 14);
            // simulate a crash: the writer dies without sealing (close would seal, so stop it by hand)
            crash(wal);
        }
        Path segment = onlySegment();
        long intact = Files.size(segment);
        // a torn write: half a frame at the end
        Files.write(segment, new byte[] {'R', 0, 0, 1, 0, 9, 9}, StandardOpenOption.APPEND);
        try (AuditWal wal = open(settings(10, 1024 * 1024, Duration.ofMillis(200)))) {
            assertThat(Files.size(segment)).isEqualTo(intact);
            assertThat(wal.epoch()).isEqualTo(epoch);
            assertThat(wal.recoveredLastRecordId()).isEqualTo("rec-13");
            // the 4 unsealed records are sealed with the next one into batch 2, chained to batch 1
            wal.accept(call("rec-14"));
            await().atMost(Duration.ofSeconds(5)).until(() -> wal.lastSealedSeq() == 2);
            List<SealedBatch> batches = readAll(wal, 0);
            assertThat(verify(batches.get(1)).records())
                    .extracting(r -> r.id())
                    .containsExactly("rec-10", "rec-11", "rec-12", "rec-13", "rec-14");
            assertThat(AuditChain.verify(
                                    batches.stream().map(SealedBatch::compact).toList(),
                                    "t1",
                                    "agent-1",
                                    AGENT.publicJwk(),
                                    ChainPosition.genesis(epoch))
                            .ok())
                    .isTrue();
        }
    }

    @Test
    void aCorruptedFrameInsideTheTailIsCutThere() throws Exception {
        try (AuditWal wal = open(settings(5, 1024 * 1024, Duration.ofMinutes(10)))) {
            for (int i = 0; i < 7; i++) {
                wal.accept(call("rec-" + i));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> wal.recordsWritten() == 7);
            crash(wal);
        }
        Path segment = onlySegment();
        // flip a byte in the last record frame: its CRC no longer matches, so it (only) is dropped
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = channel.size() - 5;
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x55)).rewind();
            channel.write(one, at);
        }
        try (AuditWal wal = open(settings(5, 1024 * 1024, Duration.ofMillis(100)))) {
            assertThat(wal.recoveredLastRecordId()).isEqualTo("rec-5");
            await().atMost(Duration.ofSeconds(5)).until(() -> wal.lastSealedSeq() == 2);
            assertThat(verify(readAll(wal, 1).get(0)).records())
                    .extracting(r -> r.id())
                    .containsExactly("rec-5");
        }
    }

    @Test
    void segmentsRotateAndAreDeletedOnlyAfterAcknowledgement() throws Exception {
        try (AuditWal wal = open(settings(20, 1024 * 1024, Duration.ofMinutes(1)))) {
            for (int i = 0; i < 1000; i++) {
                wal.accept(call("rec-" + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> wal.lastSealedSeq() == 50);
            wal.accept(call("rotate")); // the next record opens a new segment if the last one is full
            await().atMost(Duration.ofSeconds(5)).until(() -> wal.recordsWritten() == 1001);
            assertThat(segmentCount()).isGreaterThan(3);
            long bytes = wal.walBytes();
            List<SealedBatch> batches = readAll(wal, 0);
            assertThat(batches).hasSize(50);
            assertThat(segmentCount()).isGreaterThan(3); // reading deletes nothing
            wal.acknowledge(25);
            assertThat(wal.walBytes()).isLessThan(bytes);
            assertThat(readAll(wal, 25)).first().extracting(SealedBatch::seq).isEqualTo(26L);
            wal.acknowledge(50);
            assertThat(segmentCount()).isEqualTo(1); // the active segment stays
            assertThat(wal.unshippedBatches()).isZero();
        }
        // the acknowledged mark survives a restart
        try (AuditWal wal = open(settings(20, 1024 * 1024, Duration.ofMinutes(1)))) {
            assertThat(wal.ackedSeq()).isEqualTo(50);
            // only the record written after the last acknowledgement (sealed on close) is left to ship
            assertThat(readAll(wal, wal.ackedSeq()))
                    .extracting(SealedBatch::seq)
                    .containsExactly(51L);
        }
    }

    @Test
    void backPressureBlocksCallersAtTheDiskLimitUntilBatchesAreAcknowledged() throws Exception {
        WalSettings tight = new WalSettings(
                dir, 10, 1024 * 1024, Duration.ofMinutes(1), 64 * 1024, 64 * 1024, 16, WalSettings.WhenFull.BLOCK);
        try (AuditWal wal = open(tight)) {
            CountDownLatch done = new CountDownLatch(1);
            Thread caller = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    wal.accept(call("rec-" + i));
                }
                done.countDown();
            });
            await().atMost(Duration.ofSeconds(10)).until(wal::blockedOnDisk);
            assertThat(done.await(300, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(wal.backpressureWaits()).isPositive();
            // a shipper acknowledging what is sealed frees space, and the caller finishes
            Thread acker = Thread.ofPlatform().start(() -> {
                while (done.getCount() > 0) {
                    wal.acknowledge(wal.lastSealedSeq());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            acker.join();
            caller.join();
            assertThat(wal.droppedRecords()).isZero();
        }
    }

    @Test
    void dropPolicyWritesASignedGapBatch() throws Exception {
        WalSettings dropping = new WalSettings(
                dir, 10, 1024 * 1024, Duration.ofMillis(100), 64 * 1024, 64 * 1024, 4, WalSettings.WhenFull.DROP);
        try (AuditWal wal = open(dropping)) {
            for (int i = 0; i < 2000; i++) {
                wal.accept(call("rec-" + i));
            }
            assertThat(wal.droppedRecords()).isPositive();
            long dropped = wal.droppedRecords();
            long gapRecords = 0;
            long records = 0;
            long seq = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (records + gapRecords < 2000) {
                assertThat(System.nanoTime())
                        .as("all records or gaps within 20 s")
                        .isLessThan(deadline);
                wal.acknowledge(wal.lastSealedSeq());
                for (SealedBatch b : readAll(wal, seq)) {
                    AuditBatch batch = verify(b);
                    seq = b.seq();
                    if (batch.kind() == AuditBatch.Kind.GAP) {
                        gapRecords += batch.gap().droppedRecords();
                        assertThat(batch.gap().reason()).isEqualTo("QUEUE_FULL");
                    } else {
                        records += batch.records().size();
                    }
                }
            }
            assertThat(gapRecords).isEqualTo(dropped);
            assertThat(records + gapRecords).isEqualTo(2000);
        }
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> segments = files.filter(p -> p.getFileName().toString().startsWith("seg-"))
                    .toList();
            assertThat(segments).hasSize(1);
            return segments.get(0);
        }
    }

    private long segmentCount() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("seg-"))
                    .count();
        }
    }

    /** Stops the writer thread without the orderly seal of close(), as a killed process would. */
    private static void crash(AuditWal wal) throws Exception {
        java.lang.reflect.Field writer = AuditWal.class.getDeclaredField("writer");
        writer.setAccessible(true);
        Thread thread = (Thread) writer.get(wal);
        thread.interrupt();
        thread.join(5_000);
        assertThat(thread.isAlive()).isFalse();
    }
}
