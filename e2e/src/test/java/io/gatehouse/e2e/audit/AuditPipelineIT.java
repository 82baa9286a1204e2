package io.gatehouse.e2e.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.controlplane.audit.AuditIngest;
import io.gatehouse.controlplane.audit.AuditRangeVerifier;
import io.gatehouse.devstack.EmbeddedPulsar;
import io.gatehouse.devstack.PulsarExtension;
import io.gatehouse.protocol.api.AuditVerification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing doubled: 100 000 audited records go from an agent's WAL (in a child JVM) through a real
 * Pulsar broker into PostgreSQL while (a) the broker is frozen (SIGSTOP) and resumed, then its topic unloaded
 * (the broker closes and reloads it, with its deduplication state), (b) the agent is killed with SIGKILL in the
 * middle of a batch and restarted on the same WAL folder, and (c) the control-plane ingest is stopped and a new
 * one started. Afterwards exactly 100 000 unique records are stored and the chain of every batch verifies.
 */
@ExtendWith(PulsarExtension.class)
class AuditPipelineIT {

    static final int TOTAL = 100_000;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly); // a failed run must not leave an agent JVM behind
    }

    @Test
    void everyRecordArrivesExactlyOnceThroughBrokerStopAgentKillAndIngestRestart(EmbeddedPulsar pulsar)
            throws Exception {
        long started = System.nanoTime();
        try (AuditStack stack = new AuditStack(pulsar)) {
            Path keyFile = dir.resolve("agent.jwk");
            Files.writeString(keyFile, stack.agent.toPrivateJwkJson());
            Path wal = dir.resolve("wal");
            Instant from = Instant.now().minusSeconds(60);

            // the control plane's ingest on its own Pulsar client, so its "restart" below drops every connection
            org.apache.pulsar.client.api.PulsarClient firstClient = pulsar.newClient();
            AuditIngest ingest = stack.newIngest(firstClient);
            ingest.start();

            Child first = Child.start(wal, keyFile, stack);
            children.add(first.process);
            first.await("AT 20000", Duration.ofSeconds(60));
            // (a) the broker stops answering for 4 s (the whole broker JVM is frozen), then its topic is unloaded
            ProcessHandle broker =
                    pulsar.process().orElseThrow(() -> new IllegalStateException("needs a forked broker"));
            signal("STOP", broker.pid());
            Thread.sleep(4_000);
            signal("CONT", broker.pid());
            stack.rest.unload(stack.auditTopic());

            first.await("AT 50000", Duration.ofSeconds(90));
            // (b) SIGKILL mid-batch
            first.process.destroyForcibly();
            first.process.waitFor(10, TimeUnit.SECONDS);
            assertThat(first.process.exitValue()).isEqualTo(137);

            // (c) the control plane restarts while the agent is down: its ingest and Pulsar client go away (what
            // was received but not committed is redelivered) and a new one resumes the subscription
            ingest.stop();
            firstClient.close();
            AuditIngest restarted = stack.newIngest();
            restarted.start();

            Child second = Child.start(wal, keyFile, stack);
            children.add(second.process);
            String resumed = second.await("START ", Duration.ofSeconds(60));
            // the writer lags behind accept(): what was durable when the agent died is below what it had accepted;
            // the restarted agent regenerates from the first record the WAL does not hold
            assertThat(Integer.parseInt(resumed.substring("START ".length()))).isBetween(1, TOTAL - 1);
            second.await("DONE", Duration.ofSeconds(120));
            assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.process.exitValue()).isZero();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stack.count("SELECT coalesce(sum(record_count), 0) FROM audit_batches") < TOTAL
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            restarted.stop();

            assertThat(stack.count("SELECT count(*) FROM audit_events")).isEqualTo(TOTAL);
            assertThat(stack.count("SELECT count(DISTINCT record_id) FROM audit_events"))
                    .isEqualTo(TOTAL);
            assertThat(stack.count("SELECT count(*) FROM audit_events WHERE record_id !~ '^rec-[0-9]{7}$'"))
                    .isZero();
            assertThat(stack.count("SELECT min(substring(record_id from 5)::int) FROM audit_events"))
                    .isZero();
            assertThat(stack.count("SELECT max(substring(record_id from 5)::int) FROM audit_events"))
                    .isEqualTo(TOTAL - 1);
            assertThat(stack.count("SELECT count(*) FROM audit_gaps")).isZero();
            assertThat(stack.count("SELECT count(*) FROM audit_events WHERE decision = 'DENY'"))
                    .isEqualTo(TOTAL / 10);

            AuditVerification proof;
            try (Connection c = stack.app()) {
                c.setAutoCommit(false);
                proof = new AuditRangeVerifier(stack.keys)
                        .verify(c, stack.tenant, from, Instant.now().plusSeconds(60));
                c.commit();
            }
            assertThat(proof.ok()).as(String.valueOf(proof)).isTrue();
            assertThat(proof.records()).isEqualTo(TOTAL);
            assertThat(proof.agents())
                    .singleElement()
                    .satisfies(a -> assertThat(a.firstSeq()).isEqualTo(1));
        }
        System.out.printf(
                "audit pipeline IT: %d records end to end in %d s%n",
                TOTAL, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).isZero();
    }

    /** The agent JVM and its output lines. */
    record Child(Process process, BlockingQueue<String> lines) {

        static Child start(Path wal, Path keyFile, AuditStack stack) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            Path logConfig = wal.resolveSibling("child-logback.xml");
            Files.writeString(
                    logConfig,
                    "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                            + "<encoder><pattern>%level %logger{20} %msg%n</pattern></encoder></appender>"
                            + "<root level=\"WARN\"><appender-ref ref=\"out\"/></root></configuration>");
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-Xmx256m",
                    "-Dlogback.configurationFile=" + logConfig,
                    "-cp",
                    System.getProperty("java.class.path"),
                    AuditWriterChild.class.getName(),
                    wal.toString(),
                    keyFile.toString(),
                    stack.tenant.toString(),
                    stack.agentId,
                    stack.pulsar.brokerServiceUrl(),
                    Integer.toString(TOTAL)));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread.ofPlatform().daemon(true).start(() -> {
                try (BufferedReader reader =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.startsWith("START")
                                || line.startsWith("AT ")
                                || line.startsWith("DONE")
                                || line.startsWith("NOT SHIPPED")) {
                            lines.add(line);
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            return new Child(process, lines);
        }

        /** Waits for a line starting with {@code prefix} (or, for AT n, a later AT). */
        String await(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    if (!process.isAlive() && lines.isEmpty()) {
                        throw new AssertionError(
                                "agent exited with " + process.exitValue() + " before '" + prefix + "'");
                    }
                    continue;
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
                if (prefix.startsWith("AT ")
                        && line.startsWith("AT ")
                        && Integer.parseInt(line.substring(3)) >= Integer.parseInt(prefix.substring(3))) {
                    return line;
                }
                if (line.startsWith("NOT SHIPPED")) {
                    throw new AssertionError("agent: " + line);
                }
            }
            throw new AssertionError("no '" + prefix + "' from the agent within " + timeout);
        }
    }
}
