package io.gatehouse.bench.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.dataplane.audit.AuditRecord;
import io.gatehouse.dataplane.audit.AuditWal;
import io.gatehouse.dataplane.audit.WalSettings;
import io.gatehouse.protocol.signing.AgentIdentity;
import io.gatehouse.protocol.signing.CanonicalJson;
import io.gatehouse.protocol.signing.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-call cost of auditing on the agent (bench/RESULTS.md, audit section).
 *
 * <ul>
 *   <li>{@code buildRecord}: what the request thread does for audit besides the hand-off: the record of one
 *       {@code tools/call} as {@code AuditHandler.toRecord} builds it, including the SHA-256 of the canonical
 *       arguments.
 *   <li>{@code buildAndAppend}: the same plus {@link AuditWal#accept} into a real WAL (production batch
 *       settings: 1000 records / 1 MiB / 1 s, fsync per batch, ES256-signed batches) whose writer thread runs
 *       flat out. The caller blocks whenever the writer is behind (back-pressure), so the average time per
 *       call is the sustained cost of one audited call on the agent: record build, mapping, canonical JSON,
 *       frame write, and its share of batch sealing, signing and fsync. A background thread acknowledges
 *       every sealed batch at once (an instant broker) so acknowledged segments are deleted and the disk
 *       limit never applies.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class AuditAppendBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private AuditWal wal;
    private Thread acknowledger;
    private volatile boolean running;
    private JsonNode arguments;
    private long n;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("audit-bench");
        wal = AuditWal.open(
                new WalSettings(
                        dir.resolve("wal"),
                        1000,
                        1024 * 1024,
                        Duration.ofSeconds(1),
                        4L * 1024 * 1024,
                        1L << 30,
                        16_384,
                        WalSettings.WhenFull.BLOCK),
                AgentIdentity.generate(),
                "t-bench",
                "agent-bench",
                Clock.systemUTC());
        arguments = JSON.readTree("{\"path\":\"/srv/project/src/main/java/App.java\",\"offset\":0,\"limit\":4096,"
                + "\"encoding\":\"utf-8\",\"follow\":false}");
        running = true;
        acknowledger = Thread.ofPlatform().daemon(true).start(() -> {
            while (running) {
                wal.acknowledge(wal.lastSealedSeq());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        running = false;
        acknowledger.join();
        wal.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public AuditRecord buildRecord() {
        return record(++n);
    }

    @Benchmark
    public long buildAndAppend() {
        wal.accept(record(++n));
        return n;
    }

    /** The record of one allowed {@code tools/call}, as the proxy's audit step builds it. */
    private AuditRecord record(long i) {
        return new AuditRecord(
                Instant.now(),
                Long.toHexString(0x5eed_0000_0000L + i),
                "t-bench",
                42,
                "files",
                "alice@example.com",
                "https://idp.example",
                "ide",
                "POST",
                "tools/call",
                "read_file",
                "",
                "",
                "allow",
                "",
                200,
                1.7,
                Digests.sha256Base64Url(CanonicalJson.bytes(arguments)),
                null,
                "allow-readers",
                List.of());
    }
}
