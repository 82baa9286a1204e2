package io.gatehouse.devstack.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same broker as {@link InProcessPulsar}, in a child JVM on devstack's own runtime classpath
 * ({@link RuntimeClasspath}), so a module whose classpath cannot hold {@code pulsar-broker} (Jersey 2 next to
 * Dropwizard's Jersey 3) still gets a real Pulsar. The parent waits for {@link ForkedPulsarMain#READY_PREFIX};
 * on close it closes the child's stdin (the child shuts down and exits), then escalates to SIGTERM and SIGKILL.
 * A JVM shutdown hook does the same if the parent exits without closing; if the parent is killed outright the
 * child sees end-of-file on stdin and exits by itself.
 *
 * <p>A {@link PulsarSettings#persistent() persistent} broker can be {@link #stop() stopped} (SIGTERM to the child
 * JVM, which closes broker and bookie) and {@link #restart() started again} in a new child JVM on the ports the
 * first start was given and the same work dir: clients reconnect by themselves and find their topics, messages,
 * subscriptions and deduplication state again.
 */
public final class ForkedPulsar implements PulsarRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ForkedPulsar.class);
    private static final int LOG_TAIL_LINES = 60;
    private static final Duration GRACEFUL_EXIT = Duration.ofSeconds(30);

    private final PulsarSettings settings;
    private final Optional<Path> secretKeyFile;
    private final Duration startTimeout;
    private final Path workDir;
    private final String brokerServiceUrl;
    private final String webServiceUrl;
    private final Thread shutdownHook;
    private volatile Process child;
    private boolean closed;

    private ForkedPulsar(
            PulsarSettings settings, Optional<Path> secretKeyFile, Duration startTimeout, Launched launched) {
        this.settings = settings;
        this.secretKeyFile = secretKeyFile;
        this.startTimeout = startTimeout;
        this.child = launched.child();
        this.workDir = settings.workDir();
        this.brokerServiceUrl = launched.brokerServiceUrl();
        this.webServiceUrl = launched.webServiceUrl();
        this.shutdownHook = new Thread(this::stopChild, "devstack-forked-pulsar-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static ForkedPulsar start(PulsarSettings settings, Duration startTimeout) {
        Path workDir = settings.workDir();
        try {
            Optional<Path> keyFile = settings.tokenAuth().isPresent()
                    ? Optional.of(
                            writeSecretKey(workDir, settings.tokenAuth().get().secretKey()))
                    : Optional.empty();
            Launched launched = launch(settings, keyFile, startTimeout);
            // a restart binds what the OS gave the first start: clients keep their URLs
            PulsarSettings pinned = settings.withPorts(new PulsarSettings.BrokerPorts(
                    port(launched.brokerServiceUrl()), port(launched.webServiceUrl()), launched.bookiePort()));
            return new ForkedPulsar(pinned, keyFile, startTimeout, launched);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(workDir);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot start the forked Pulsar JVM: " + e, e);
        }
    }

    /** A started child JVM and what its ready line said. */
    private record Launched(Process child, String brokerServiceUrl, String webServiceUrl, int bookiePort) {}

    private static Launched launch(PulsarSettings settings, Optional<Path> secretKeyFile, Duration startTimeout)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xms64m",
                "-Xmx768m",
                "-XX:MaxDirectMemorySize=256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        command.addAll(JvmFlags.forBroker());
        command.addAll(List.of(
                "-cp",
                RuntimeClasspath.forChildJvm(),
                ForkedPulsarMain.class.getName(),
                "--work-dir",
                settings.workDir().toString(),
                "--cluster",
                settings.clusterName()));
        if (settings.tokenAuth().isPresent()) {
            command.addAll(List.of(
                    "--super-user",
                    settings.tokenAuth().get().superUserRole(),
                    "--secret-key-file",
                    secretKeyFile.orElseThrow().toString()));
        }
        if (settings.persistent()) {
            command.add("--persistent");
        }
        PulsarSettings.BrokerPorts ports = settings.ports();
        command.addAll(List.of(
                "--broker-port",
                Integer.toString(ports.broker()),
                "--web-port",
                Integer.toString(ports.web()),
                "--bookie-port",
                Integer.toString(ports.bookie())));
        Process child = null;
        try {
            child = new ProcessBuilder(command).start();
            LogTail tail = new LogTail();
            CompletableFuture<String> ready = new CompletableFuture<>();
            List<Thread> pumps = List.of(
                    pump(child.getInputStream(), tail, ready, "devstack-forked-pulsar-stdout"),
                    pump(child.getErrorStream(), tail, null, "devstack-forked-pulsar-stderr"));
            Process started = child;
            child.onExit()
                    .thenAccept(p -> ready.completeExceptionally(new IllegalStateException(
                            "forked Pulsar exited with code " + started.exitValue() + " before it was ready")));
            String[] fields = awaitReady(ready, child, tail, pumps, startTimeout);
            LOG.info("forked Pulsar ready (pid {}): {} {}", child.pid(), fields[0], fields[1]);
            return new Launched(child, fields[0], fields[1], Integer.parseInt(fields[2]));
        } catch (IOException | RuntimeException e) {
            if (child != null) {
                child.destroyForcibly();
                waitQuietly(child, Duration.ofSeconds(10));
            }
            throw e;
        }
    }

    private static int port(String url) {
        return java.net.URI.create(url).getPort();
    }

    /** True when {@link #stop()} and {@link #restart()} are possible. */
    public boolean isRestartable() {
        return settings.persistent();
    }

    /** True while the child JVM runs (false after {@link #stop()} until {@link #restart()}). */
    public boolean isRunning() {
        return child.isAlive();
    }

    /**
     * Stops the broker: SIGTERM to the child JVM, which closes broker and bookie (flushing their data) and exits;
     * SIGKILL if it has not exited within 30 s. The work dir stays; nothing listens on the ports until
     * {@link #restart()}. Persistent brokers only.
     */
    public synchronized void stop() {
        requireRestartable("stop");
        Process current = child;
        if (!current.isAlive()) {
            return;
        }
        current.destroy();
        if (!waitQuietly(current, GRACEFUL_EXIT)) {
            LOG.warn(
                    "forked Pulsar (pid {}) did not exit within {} s of SIGTERM; killing it",
                    current.pid(),
                    GRACEFUL_EXIT.toSeconds());
            current.destroyForcibly();
            waitQuietly(current, Duration.ofSeconds(10));
        }
        LOG.info("forked Pulsar (pid {}) stopped with exit code {}", current.pid(), current.exitValue());
    }

    /**
     * Starts the broker again in a new child JVM on the same ports and work dir (stopping it first if it runs)
     * and waits until it is ready. Persistent brokers only.
     */
    public synchronized void restart() {
        requireRestartable("restart");
        stop();
        try {
            child = launch(settings, secretKeyFile, startTimeout).child();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart the forked Pulsar JVM: " + e, e);
        }
    }

    private void requireRestartable(String operation) {
        if (closed) {
            throw new IllegalStateException("cannot " + operation + ": this forked Pulsar is closed");
        }
        if (!settings.persistent()) {
            throw new IllegalStateException(
                    "cannot " + operation
                            + " a broker whose metadata is in memory; start it with EmbeddedPulsar.builder().restartable(true)");
        }
    }

    private static Path writeSecretKey(Path workDir, byte[] key) throws IOException {
        Path file = workDir.resolve("token-secret.key"); // kept for a restart, deleted with the work dir
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(key));
        return file;
    }

    private static String[] awaitReady(
            CompletableFuture<String> ready, Process child, LogTail tail, List<Thread> pumps, Duration timeout) {
        try {
            String line = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String[] parts = line.split(" ");
            if (parts.length != 4) {
                throw new IllegalStateException("malformed ready line from forked Pulsar: " + line);
            }
            return new String[] {parts[1], parts[2], parts[3]};
        } catch (TimeoutException | ExecutionException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            child.destroyForcibly();
            waitQuietly(child, Duration.ofSeconds(10));
            joinQuietly(pumps); // the child's last lines, read up to end-of-file
            String reason = e instanceof TimeoutException
                    ? "did not become ready within " + timeout.toSeconds() + " s"
                    : "failed to start: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            throw new IllegalStateException(
                    "forked Pulsar (pid " + child.pid() + ") " + reason + "; last lines of its log:\n" + tail.text(),
                    e);
        }
    }

    private static void joinQuietly(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Thread pump(InputStream stream, LogTail tail, CompletableFuture<String> ready, String name) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            if (ready != null && line.startsWith(ForkedPulsarMain.READY_PREFIX + " ")) {
                                ready.complete(line);
                            } else {
                                tail.add(line);
                                if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                                    LOG.warn("[forked pulsar] {}", line);
                                }
                            }
                        }
                    } catch (IOException e) {
                        // the child is gone; nothing more to read
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public String brokerServiceUrl() {
        return brokerServiceUrl;
    }

    @Override
    public String webServiceUrl() {
        return webServiceUrl;
    }

    /** The current child JVM (after {@link #stop()}, the one that was stopped). */
    @Override
    public Optional<ProcessHandle> process() {
        return Optional.of(child.toHandle());
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the child too
        }
        stopChild();
    }

    private void stopChild() {
        Process child = this.child;
        if (!child.isAlive()) {
            deleteQuietly(workDir);
            return;
        }
        try {
            child.getOutputStream().close(); // end-of-file: the child closes the broker and exits 0
        } catch (IOException e) {
            // already closed
        }
        if (!waitQuietly(child, GRACEFUL_EXIT)) {
            LOG.warn(
                    "forked Pulsar (pid {}) did not exit within {} s of end-of-input; sending SIGTERM",
                    child.pid(),
                    GRACEFUL_EXIT.toSeconds());
            child.destroy();
            if (!waitQuietly(child, Duration.ofSeconds(10))) {
                child.destroyForcibly();
                waitQuietly(child, Duration.ofSeconds(10));
            }
        }
        deleteQuietly(workDir);
    }

    private static boolean waitQuietly(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            TempDirs.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("could not delete Pulsar work directory {}: {}", dir, e.toString());
        }
    }

    /** The last lines the child printed, for error messages. */
    private static final class LogTail {
        private final Deque<String> lines = new ArrayDeque<>();

        synchronized void add(String line) {
            if (lines.size() == LOG_TAIL_LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        synchronized String text() {
            return lines.isEmpty() ? "(no output)" : String.join("\n", lines);
        }
    }
}
