package io.gatehouse.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.devstack.internal.JvmFlags;
import io.gatehouse.devstack.internal.Ports;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs DevStackMain the way ./gatehouse dev does: a child JVM on target/devstack.classpath. */
class DevStackMainIT {
    private static final Pattern EXPORT = Pattern.compile("export ([A-Z_]+)='([^']*)'");

    @Test
    void startsEverythingWritesTheEnvFileAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path envFile = dir.resolve(".gatehouse/devstack.env");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.forBroker());
        command.addAll(List.of(
                "-cp",
                launcherClasspath(),
                DevStackMain.class.getName(),
                "--env-file",
                envFile.toString(),
                "--pulsar-auth"));
        Process process = new ProcessBuilder(command)
                .redirectError(dir.resolve("stderr.log").toFile())
                .start();
        List<String> stdout = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    stdout.add(line);
                }
            } catch (IOException e) {
                // process gone
            }
        });
        try {
            awaitLine(stdout, DevStackMain.READY, process, dir, Duration.ofSeconds(150));

            Map<String, String> env = parse(envFile);
            assertThat(env)
                    .containsKeys(
                            "GATEHOUSE_PG_URL",
                            "GATEHOUSE_PG_USER",
                            "GATEHOUSE_PG_PASSWORD",
                            "GATEHOUSE_PULSAR_URL",
                            "GATEHOUSE_PULSAR_HTTP_URL",
                            "GATEHOUSE_PULSAR_ADMIN_TOKEN",
                            "GATEHOUSE_PULSAR_TOKEN_SECRET",
                            "GATEHOUSE_REDIS_URL");
            assertThat(stdout)
                    .noneMatch(line -> line.contains(env.get("GATEHOUSE_PG_PASSWORD"))
                            || line.contains(env.get("GATEHOUSE_PULSAR_ADMIN_TOKEN")));

            try (Connection connection = DriverManager.getConnection(
                            env.get("GATEHOUSE_PG_URL"),
                            env.get("GATEHOUSE_PG_USER"),
                            env.get("GATEHOUSE_PG_PASSWORD"));
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT current_database()")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("gatehouse");
            }
            RedisClient redis = RedisClient.create(env.get("GATEHOUSE_REDIS_URL"));
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
            } finally {
                redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            try (PulsarAdmin admin = PulsarAdmin.builder()
                    .serviceHttpUrl(env.get("GATEHOUSE_PULSAR_HTTP_URL"))
                    .authentication(AuthenticationFactory.token(env.get("GATEHOUSE_PULSAR_ADMIN_TOKEN")))
                    .build()) {
                assertThat(admin.clusters().getClusters()).contains(EmbeddedPulsar.CLUSTER);
            }
            List<Integer> ports = List.of(
                    Integer.parseInt(env.get("GATEHOUSE_PG_PORT")),
                    URI.create(env.get("GATEHOUSE_PULSAR_URL")).getPort(),
                    URI.create(env.get("GATEHOUSE_PULSAR_HTTP_URL")).getPort(),
                    URI.create(env.get("GATEHOUSE_REDIS_URL")).getPort());
            Path postgresData = postgresWorkDir(stdout);
            assertThat(postgresData).isDirectory();

            long started = System.nanoTime();
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stdout
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("exited within 60 s")
                    .isTrue();
            assertThat(process.exitValue()).isZero();
            reader.join(5_000);
            assertThat(stdout)
                    .as("stdout; stderr:%n%s", Files.readString(dir.resolve("stderr.log")))
                    .contains("devstack: stopping", "devstack: stopped");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
            assertThat(ports)
                    .allSatisfy(port -> assertThat(Ports.isFree(port))
                            .as("port %d free", port)
                            .isTrue());
            assertThat(envFile).doesNotExist();
            assertThat(postgresData).doesNotExist();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** target/devstack.classpath, the file ./gatehouse dev reads. */
    private static String launcherClasspath() throws IOException {
        Path file = Path.of(System.getProperty("devstack.launcher.classpath.file", "target/devstack.classpath"));
        return Files.readString(file).strip();
    }

    private static void awaitLine(List<String> stdout, String expected, Process process, Path dir, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stdout.contains(expected)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("DevStackMain did not print '" + expected + "' (alive: " + process.isAlive()
                        + "); stdout: " + stdout + "; stderr:\n" + Files.readString(dir.resolve("stderr.log")));
            }
            Thread.sleep(100);
        }
    }

    private static Map<String, String> parse(Path envFile) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            Matcher matcher = EXPORT.matcher(line);
            if (matcher.matches()) {
                env.put(matcher.group(1), matcher.group(2));
            } else {
                assertThat(line).startsWith("#");
            }
        }
        return env;
    }

    private static Path postgresWorkDir(List<String> stdout) {
        Pattern data = Pattern.compile("data (/\\S+)\\)");
        return stdout.stream()
                .filter(line -> line.startsWith("devstack: postgres"))
                .map(data::matcher)
                .filter(Matcher::find)
                .map(m -> Path.of(m.group(1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no postgres summary line in " + stdout));
    }
}
