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

            CpuMeter cpu = new CpuMeter(stack, pulsar);
            java.util.Map<String, Long> cpuBefore = cpu.snapshot();
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
            java.util.Map<String, Long> cpuAfter = cpu.snapshot();
            pipeline.close();
            ingest.stop();

            double seconds = elapsed / 1e9;
            System.out.printf(
                    "AUDIT BENCH: %d records end to end in %.2f s = %.0f records/s (all accepted after %.2f s);"
                            + " accept() on the request thread: %.2f us/call average%n",
                    RECORDS, seconds, RECORDS / seconds, accepted / 1e9, acceptNanos / 1e3 / RECORDS);
            // CPU per record and stage: unlike records/s, hardly affected by other load on the machine
            StringBuilder line = new StringBuilder("AUDIT CPU per record (us):");
            long total = 0;
            for (String stage : cpuAfter.keySet()) {
                long nanos = cpuAfter.get(stage) - cpuBefore.getOrDefault(stage, 0L);
                total += nanos;
                line.append(String.format(" %s %.1f;", stage, nanos / 1e3 / RECORDS));
            }
            line.append(String.format(
                    " total %.1f us -> %.0f records/s if two dedicated cores ran only this pipeline (load %s)",
                    total / 1e3 / RECORDS, 2e9 * RECORDS / total, CpuMeter.loadAverage()));
            System.out.println(line);
            assertThat(stack.count("SELECT count(DISTINCT record_id) FROM audit_events"))
                    .isEqualTo(20_000 + RECORDS);
        }
    }

    /**
     * CPU time consumed so far, by stage: the agent's threads (WAL writer, shipper) and the ingest's (consumer,
     * verifier pool) in this JVM, the Pulsar clients' I/O threads (both sides share them), the PostgreSQL server
     * processes and the forked broker (from /proc, Linux).
     */
    static final class CpuMeter {
        private final java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        private final long postmaster;
        private final long broker;

        CpuMeter(AuditStack stack, EmbeddedPulsar pulsar) throws Exception {
            long backend = stack.count("SELECT pg_backend_pid()");
            this.postmaster = parentOf(backend);
            this.broker = pulsar.process().map(ProcessHandle::pid).orElse(-1L);
        }

        java.util.Map<String, Long> snapshot() throws Exception {
            java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                String name = info.getThreadName();
                String stage = name.startsWith("audit-wal") || name.startsWith("audit-shipper")
                        ? "agent"
                        : name.startsWith("audit-ingest-") || name.startsWith("audit-verify")
                                ? "ingest"
                                : name.startsWith("pulsar-client-io") ? "pulsar-client-io" : null;
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (stage != null && nanos > 0) {
                    cpu.merge(stage, nanos, Long::sum);
                }
            }
            long pg = 0;
            try (java.util.stream.Stream<Path> procs = java.nio.file.Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .toList()) {
                    long[] stat = stat(proc);
                    if (stat != null
                            && (stat[0] == postmaster
                                    || Long.parseLong(proc.getFileName().toString()) == postmaster)) {
                        pg += stat[1];
                    }
                }
            }
            cpu.put("postgres", pg);
            long[] b = broker < 0 ? null : stat(Path.of("/proc", Long.toString(broker)));
            if (b != null) {
                cpu.put("broker", b[1]);
            }
            return cpu;
        }

        static String loadAverage() {
            try {
                return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (java.io.IOException e) {
                return "?";
            }
        }

        private static long parentOf(long pid) throws java.io.IOException {
            long[] stat = stat(Path.of("/proc", Long.toString(pid)));
            if (stat == null) {
                throw new IllegalStateException("no /proc entry for PostgreSQL backend " + pid);
            }
            return stat[0];
        }

        /** {ppid, utime + stime in ns} of a process, or null when it is gone. */
        private static long[] stat(Path proc) {
            try {
                String text = java.nio.file.Files.readString(proc.resolve("stat"));
                String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                return new long[] {Long.parseLong(f[1]), ticks * 10_000_000L}; // 100 ticks per second
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
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
