package io.gatehouse.e2e.audit;

import io.gatehouse.dataplane.audit.AuditPipeline;
import io.gatehouse.dataplane.audit.AuditRecord;
import io.gatehouse.dataplane.audit.ShipperSettings;
import io.gatehouse.dataplane.audit.WalSettings;
import io.gatehouse.protocol.signing.AgentIdentity;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The agent side of the audit pipeline in its own JVM (so it can be killed with SIGKILL): opens the WAL in
 * {@code walDir}, ships to Pulsar, and writes records {@code rec-0000000 .. rec-<total-1>}, resuming after the
 * last record the WAL recovered. Prints {@code START n}, {@code AT n} every 5 000 records, and {@code DONE} once
 * everything is sealed and acknowledged by the broker. Before each record number in {@code holds} it prints
 * {@code HOLD n} and waits for a line on stdin (the test does something to the broker meanwhile; the shipper keeps
 * running).
 *
 * <p>Arguments: walDir keyFile tenant agentId pulsarUrl total [holds, comma-separated]
 */
public final class AuditWriterChild {

    private AuditWriterChild() {}

    public static void main(String[] args) throws Exception {
        Path walDir = Path.of(args[0]);
        AgentIdentity identity = AgentIdentity.fromPrivateJwkJson(Files.readString(Path.of(args[1])));
        String tenant = args[2];
        String agentId = args[3];
        String pulsarUrl = args[4];
        int total = Integer.parseInt(args[5]);
        Set<Integer> holds = args.length > 6 && !args[6].isEmpty()
                ? Arrays.stream(args[6].split(",")).map(Integer::valueOf).collect(Collectors.toSet())
                : Set.of();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        WalSettings settings = new WalSettings(
                walDir,
                500,
                1024 * 1024,
                Duration.ofMillis(200),
                4L * 1024 * 1024,
                1L << 30,
                16_384,
                WalSettings.WhenFull.BLOCK);
        AuditPipeline pipeline = AuditPipeline.start(
                settings,
                identity,
                tenant,
                agentId,
                Clock.systemUTC(),
                new ShipperSettings(pulsarUrl, null, null, 64),
                null);
        String last = pipeline.wal().recoveredLastRecordId();
        int start = last == null ? 0 : Integer.parseInt(last.substring("rec-".length())) + 1;
        System.out.println("START " + start);
        System.out.flush();
        Instant base = Instant.now();
        for (int i = start; i < total; i++) {
            if (holds.contains(i)) {
                System.out.println("HOLD " + i);
                System.out.flush();
                if (commands.readLine() == null) {
                    System.exit(2); // the test is gone
                }
            }
            pipeline.accept(record(i, tenant, base.plusNanos(i * 1000L)));
            if (i % 20 == 0) {
                Thread.sleep(1); // about 20,000 calls/s at most: a busy agent, and room to kill it mid-run
            }
            if (i % 5000 == 0) {
                System.out.println("AT " + i);
                System.out.flush();
            }
        }
        pipeline.wal().close(); // seals what is left
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (pipeline.wal().ackedSeq() < pipeline.wal().lastSealedSeq() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        boolean shipped = pipeline.wal().ackedSeq() == pipeline.wal().lastSealedSeq();
        pipeline.shipper().close();
        System.out.println(shipped ? "DONE " + pipeline.wal().lastSealedSeq() : "NOT SHIPPED");
        System.out.flush();
        System.exit(shipped ? 0 : 1);
    }

    static AuditRecord record(int i, String tenant, Instant time) {
        boolean deny = i % 10 == 0;
        return new AuditRecord(
                time,
                String.format("rec-%07d", i),
                tenant,
                5,
                "files",
                "user-" + (i % 50),
                "https://idp.example",
                "client-" + (i % 3),
                "POST",
                "tools/call",
                i % 2 == 0 ? "read_file" : "list_dir",
                "",
                "",
                deny ? "deny" : "allow",
                deny ? "INSUFFICIENT_SCOPE" : "",
                deny ? 403 : 200,
                0.8,
                "",
                null,
                "",
                List.of());
    }
}
