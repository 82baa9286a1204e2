package io.gatehouse.dataplane.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real {@code redis-server} (the binary bundled with embedded-redis) on a fixed free port, without
 * persistence, that can be stopped and started again on the same port.
 */
final class TestRedis implements AutoCloseable {
    private final int port;
    private final Path workDir;
    private final RedisServer server;

    private TestRedis(int port, Path workDir, RedisServer server) {
        this.port = port;
        this.workDir = workDir;
        this.server = server;
    }

    static TestRedis start() {
        try {
            Path workDir = Files.createTempDirectory("gatehouse-ratelimit-redis");
            Path binDir = Files.createDirectory(workDir.resolve("bin"));
            Path dataDir = Files.createDirectory(workDir.resolve("data"));
            String binary = ExecutableProvider.newJarResourceProvider(binDir::toFile)
                    .get()
                    .getAbsolutePath();
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> args = List.of(
                    binary,
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    dataDir.toString());
            RedisServer server = new RedisServer(port, args, false, line -> {}, line -> {});
            server.start();
            return new TestRedis(port, workDir, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void restart() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
