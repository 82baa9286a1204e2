package io.gatehouse.e2e.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.controlplane.audit.AuditRangeVerifier;
import io.gatehouse.devstack.EmbeddedPulsar;
import io.gatehouse.protocol.api.AuditVerification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing doubled: 100 000 audited records go from an agent's WAL (in a child JVM) through a real
 * Pulsar broker (a restartable one of its own, in a child JVM) into PostgreSQL through the real control plane (in
 * a child JVM), while
 *
 * <ol type="a">
 *   <li>the broker is stopped (SIGTERM to its JVM, bookie included) after 20 000 records; the agent writes 15 000
 *       more into its WAL while nothing listens on the broker's ports; then the broker is started again on the
 *       same ports and data directory, and the agent's producer and the control plane's consumer reconnect by
 *       themselves (the broker's deduplication state and the subscription survive);
 *   <li>the agent is killed with SIGKILL in the middle of a batch (around 50 000) and restarted on the same WAL
 *       folder;
 *   <li>the control plane is killed with SIGKILL (no graceful stop) while the restarted agent writes and batches
 *       are in flight (around 75 000), and a new control-plane process resumes the {@code Key_Shared} subscription.
 * </ol>
 *
 * Afterwards exactly 100 000 unique records are stored, no gap is recorded, and the chain of every batch verifies.
 */
class AuditPipelineIT {

    static final int TOTAL = 100_000;

    @TempDir
    Path dir;

    private final List<AutoCloseable> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws Exception {
        for (AutoCloseable child : children) {
            child.close(); // a failed run must not leave an agent or control-plane JVM behind
        }
    }

    @Test
    void everyRecordArrivesExactlyOnceThroughBrokerRestartAgentKillAndControlPlaneKill() throws Exception {
        long started = System.nanoTime();
        try (EmbeddedPulsar pulsar = EmbeddedPulsar.builder().restartable(true).start();
                AuditStack stack = new AuditStack(pulsar)) {
            Path keyFile = dir.resolve("agent.jwk");
            Files.writeString(keyFile, stack.agent.toPrivateJwkJson());
            Path wal = dir.resolve("wal");
            Instant from = Instant.now().minusSeconds(60);

            ControlPlaneChild firstControlPlane =
                    ControlPlaneChild.start(dir, "control-plane-1", stack, Duration.ofSeconds(180));
            children.add(firstControlPlane);

            Child first = Child.start(wal, keyFile, stack, "20000,35000");
            children.add(first);
            first.await("HOLD 20000", Duration.ofSeconds(90));
            // (a) the broker stops: SIGTERM to its JVM, which closes broker and bookie and exits
            ProcessHandle broker = pulsar.process().orElseThrow();
            pulsar.stop();
            assertThat(broker.isAlive()).isFalse();
            assertThat(reachable(pulsar.brokerServiceUrl())).isFalse();
            // the agent goes on writing into its WAL while nothing listens on the broker's port
            first.resume();
            first.await("HOLD 35000", Duration.ofSeconds(90));
            assertThat(pulsar.isRunning()).isFalse();
            // the broker starts again on the same ports and data; every client reconnects by itself
            pulsar.restart();
            assertThat(pulsar.process().orElseThrow().pid()).isNotEqualTo(broker.pid());
            first.resume();

            first.await("AT 50000", Duration.ofSeconds(120));
            // (b) SIGKILL mid-batch
            first.process.destroyForcibly();
            first.process.waitFor(10, TimeUnit.SECONDS);
            assertThat(first.process.exitValue()).isEqualTo(137);

            Child second = Child.start(wal, keyFile, stack, "");
            children.add(second);
            String resumed = second.await("START ", Duration.ofSeconds(60));
            // the writer lags behind accept(): what was durable when the agent died is below what it had accepted;
            // the restarted agent regenerates from the first record the WAL does not hold
            assertThat(Integer.parseInt(resumed.substring("START ".length()))).isBetween(1, TOTAL - 1);

            second.await("AT 75000", Duration.ofSeconds(120));
            // (c) the control plane dies while the agent writes: what it received but had not committed is
            // redelivered by the broker to the next control plane
            long storedAtKill = stack.count("SELECT count(*) FROM audit_events");
            firstControlPlane.kill();
            ControlPlaneChild secondControlPlane =
                    ControlPlaneChild.start(dir, "control-plane-2", stack, Duration.ofSeconds(180));
            children.add(secondControlPlane);

            second.await("DONE", Duration.ofSeconds(180));
            assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(second.process.exitValue()).isZero();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (stack.count("SELECT coalesce(sum(record_count), 0) FROM audit_batches") < TOTAL
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            System.out.printf(
                    "audit pipeline IT: %d records were stored when the first control plane was killed%n",
                    storedAtKill);
            assertThat(storedAtKill).isLessThan(TOTAL);

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
            secondControlPlane.close();
        }
        System.out.printf(
                "audit pipeline IT: %d records end to end in %d s%n",
                TOTAL, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private static boolean reachable(String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The agent JVM and its output lines. */
    record Child(Process process, BlockingQueue<String> lines) implements AutoCloseable {

        static Child start(Path wal, Path keyFile, AuditStack stack, String holds) throws Exception {
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
                    Integer.toString(TOTAL),
                    holds));
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
                                || line.startsWith("HOLD ")
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

        /** Lets the agent go on after a {@code HOLD n}. */
        void resume() throws java.io.IOException {
            process.getOutputStream().write('\n');
            process.getOutputStream().flush();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
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
