package io.gatehouse.e2e.audit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real control plane, {@code ControlPlaneApplication server config.yml}, in its own JVM (so it can be killed
 * with SIGKILL) against the test's PostgreSQL and Pulsar: Flyway, the role check, Hibernate, and the audit ingest
 * exactly as {@code ./gatehouse control-plane} composes them. Its output goes to {@code <name>.log} next to the
 * config; a failed start shows the log's last lines.
 */
final class ControlPlaneChild implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ControlPlaneChild(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a control plane and waits until its admin health check answers 200. */
    static ControlPlaneChild start(Path dir, String name, AuditStack stack, Duration readyWithin) throws Exception {
        int apiPort = freePort();
        int adminPort = freePort();
        Path config = dir.resolve(name + ".yml");
        String databaseUrl = stack.postgres.jdbcUrl("gatehouse");
        Files.writeString(
                config, """
                server:
                  registerDefaultExceptionMappers: false
                  applicationConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: %d
                  adminConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: %d
                  requestLog:
                    appenders: []
                database:
                  driverClass: org.postgresql.Driver
                  url: %s
                  user: gatehouse_app
                  password: app
                  minSize: 2
                  maxSize: 16
                  properties:
                    hibernate.hbm2ddl.auto: none
                    hibernate.jdbc.time_zone: UTC
                migrations:
                  url: %s
                  user: gatehouse_owner
                  password: owner
                  appRole: gatehouse_app
                auth:
                  argon2MemoryKib: 8192
                  argon2Iterations: 1
                audit:
                  pulsarServiceUrl: %s
                  subscription: gatehouse-audit-ingest
                  tenantRefresh: 500ms
                  denySpikePerMinute: 0
                logging:
                  level: WARN
                  appenders:
                    - type: console
                      threshold: WARN
                """.formatted(apiPort, adminPort, databaseUrl, databaseUrl, stack.pulsar.brokerServiceUrl()));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx512m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.gatehouse.controlplane.ControlPlaneApplication",
                        "server",
                        config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ControlPlaneChild child = new ControlPlaneChild(process, log);
        try {
            child.awaitHealthy(adminPort, readyWithin);
        } catch (Exception | AssertionError e) {
            child.close();
            throw e;
        }
        return child;
    }

    private void awaitHealthy(int adminPort, Duration within) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/healthcheck"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "control plane exited with " + process.exitValue() + " while starting; " + logTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("control plane not healthy within " + within + "; " + logTail());
    }

    /** SIGKILL: no shutdown hook, no graceful stop of the ingest; what it received but did not commit is lost. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("control plane (pid " + process.pid() + ") still alive 30 s after SIGKILL");
        }
        if (process.exitValue() != 137) {
            throw new AssertionError("control plane exited with " + process.exitValue() + " (expected 137, SIGKILL)"
                    + " before it was killed; " + logTail());
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "last lines of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "no log (" + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
