package io.gatehouse.e2e.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.controlplane.audit.AuditIngest;
import io.gatehouse.dataplane.audit.AuditPipeline;
import io.gatehouse.dataplane.audit.AuditRecord;
import io.gatehouse.dataplane.audit.ShipperSettings;
import io.gatehouse.dataplane.audit.WalSettings;
import io.gatehouse.devstack.EmbeddedPulsar;
import io.gatehouse.devstack.PulsarExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark of bench/RESULTS.md (audit section), run on demand:
 * {@code ./mvnw -B -pl e2e -am verify -Dit.test=AuditThroughputBenchIT -Dgatehouse.bench.audit=true -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}.
 *
 * <p>Sustained end-to-end ingest: {@code RECORDS} records accepted by the agent's WAL (1000-record batches,
 * fsync per batch, ES256 signature) → shipper → real Pulsar (forked broker, deduplication on) → ingest (signature
 * and chain check, one transaction per batch) → committed rows in PostgreSQL; records/s from the first accept to
 * the last committed row. And the request-thread cost of auditing one call (the {@code accept} hand-off).
 */
@ExtendWith(PulsarExtension.class)
@EnabledIfSystemProperty(named = "gatehouse.bench.audit", matches = "true")
class AuditThroughputBenchIT {

    static final int RECORDS = Integer.getInteger("gatehouse.bench.audit.records", 300_000);

    @TempDir
    Path dir;

    @Test
    void endToEndIngestRate(EmbeddedPulsar pulsar) throws Exception {
        try (AuditStack stack = new AuditStack(pulsar)) {
            AuditIngest ingest = stack.newIngest();
            ingest.start();
            WalSettings settings = new WalSettings(
                    dir.resolve("wal"),
                    1000,
                    1024 * 1024,
                    Duration.ofMillis(200),
                    16L * 1024 * 1024,
                    4L << 30,
                    65_536,
                    WalSettings.WhenFull.BLOCK);
            AuditPipeline pipeline = AuditPipeline.start(
                    settings,
                    stack.agent,
                    stack.tenant.toString(),
                    stack.agentId,
                    Clock.systemUTC(),
                    new ShipperSettings(pulsar.brokerServiceUrl(), null, null, 64),
                    null);
            Instant base = Instant.now();
            // warm-up: 20 000 records, then wait until they are stored
            for (int i = 0; i < 20_000; i++) {
                pipeline.accept(AuditWriterChild.record(i, stack.tenant.toString(), base));
            }
            awaitRows(stack, 20_000, 120);

            long acceptNanos = 0;
            long start = System.nanoTime();
            for (int i = 20_000; i < 20_000 + RECORDS; i++) {
                AuditRecord record = AuditWriterChild.record(i, stack.tenant.toString(), base.plusNanos(i * 1000L));
                long t = System.nanoTime();
                pipeline.accept(record);
                acceptNanos += System.nanoTime() - t;
            }
            long accepted = System.nanoTime() - start;
            awaitRows(stack, 20_000 + RECORDS, 600);
            long elapsed = System.nanoTime() - start;
            pipeline.close();
            ingest.stop();

            double seconds = elapsed / 1e9;
            System.out.printf(
                    "AUDIT BENCH: %d records end to end in %.2f s = %.0f records/s (all accepted after %.2f s);"
                            + " accept() on the request thread: %.2f us/call average%n",
                    RECORDS, seconds, RECORDS / seconds, accepted / 1e9, acceptNanos / 1e3 / RECORDS);
            assertThat(stack.count("SELECT count(DISTINCT record_id) FROM audit_events"))
                    .isEqualTo(20_000 + RECORDS);
        }
    }

    private static void awaitRows(AuditStack stack, long rows, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (stack.count("SELECT coalesce(sum(record_count), 0) FROM audit_batches") < rows) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not all " + rows + " rows stored within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
