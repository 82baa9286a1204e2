package io.gatehouse.devstack;

import io.gatehouse.devstack.internal.Ports;
import io.gatehouse.devstack.internal.TempDirs;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real {@code redis-server} (the Linux/macOS binary shipped in {@code com.github.codemonstur:embedded-redis},
 * or an explicit one) on 127.0.0.1 and a fixed port chosen at start, without persistence. It can be
 * {@link #stop() stopped} and {@link #restart() restarted} on the same port (to test Redis outages);
 * {@link #close()} stops it and deletes its private directory (binary copy and working files).
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);

    /** System property naming a {@code redis-server} executable to use instead of the bundled one. */
    public static final String EXECUTABLE_PROPERTY = "gatehouse.devstack.redis.executable";

    private final int port;
    private final Path workDir;
    private final RedisServer server;
    private boolean closed;

    private EmbeddedRedis(int port, Path workDir, RedisServer server) {
        this.port = port;
        this.workDir = workDir;
        this.server = server;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A server on a free port. */
    public static EmbeddedRedis start() {
        return builder().start();
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:<port>} (no password: it listens on loopback only). */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return server.isActive();
    }

    /** Stops the server (SIGTERM, waits for exit); the port stays reserved for {@link #restart()}. */
    public synchronized void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server on port " + port + " did not stop", e);
        }
    }

    /** Starts the server again on the same port (empty: nothing is persisted). No-op when it is running. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("this EmbeddedRedis is closed");
        }
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "redis-server did not start again on port " + port
                            + (Ports.isListening(port) ? " (something else listens there now)" : ""),
                    e);
        }
    }

    /** The private directory holding the binary copy and working files; deleted on close. */
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
            stop();
        } finally {
            try {
                TempDirs.deleteRecursively(workDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete Redis work directory " + workDir, e);
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedRedis[" + uri() + (isRunning() ? "" : ", stopped") + "]";
    }

    /** Options; {@link #start()} blocks until the server accepts connections. */
    public static final class Builder {
        private int port;
        private Path executable;

        private Builder() {}

        /** A fixed port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = Ports.requireValid("port", port);
            return this;
        }

        /** Use this {@code redis-server} instead of the bundled binary (also: -D{@value #EXECUTABLE_PROPERTY}). */
        public Builder executable(Path executable) {
            Objects.requireNonNull(executable, "executable");
            if (!Files.isExecutable(executable)) {
                throw new IllegalArgumentException("executable: " + executable + " (expected: an executable file)");
            }
            this.executable = executable;
            return this;
        }

        public EmbeddedRedis start() {
            Path workDir = TempDirs.create("redis");
            try {
                Path dataDir = Files.createDirectory(workDir.resolve("data"));
                File binary = resolveExecutable(workDir);
                int chosenPort = port != 0 ? port : Ports.freePort();
                List<String> args = List.of(
                        binary.getAbsolutePath(),
                        "--port",
                        Integer.toString(chosenPort),
                        "--bind",
                        "127.0.0.1",
                        "--protected-mode",
                        "yes",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dataDir.toString(),
                        "--daemonize",
                        "no");
                RedisServer server = new RedisServer(
                        chosenPort, args, false, line -> {}, line -> LOG.warn("[redis-server] {}", line));
                server.start();
                return new EmbeddedRedis(chosenPort, workDir, server);
            } catch (IOException | RuntimeException e) {
                try {
                    TempDirs.deleteRecursively(workDir);
                } catch (IOException deleting) {
                    e.addSuppressed(deleting);
                }
                throw new IllegalStateException("embedded Redis failed to start: " + e.getMessage(), e);
            }
        }

        private File resolveExecutable(Path workDir) throws IOException {
            if (executable != null) {
                return executable.toFile();
            }
            String configured = System.getProperty(EXECUTABLE_PROPERTY);
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured).toFile();
            }
            Path binDir = Files.createDirectory(workDir.resolve("bin"));
            return ExecutableProvider.newJarResourceProvider(binDir::toFile).get();
        }
    }
}
