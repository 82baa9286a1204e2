package io.gatehouse.devstack.oidc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.devstack.internal.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by the build) as an OIDC
 * provider for integration tests: {@code kc.sh start-dev} on free loopback ports with an in-memory
 * H2 dev database ({@code --db=dev-mem}, nothing written outside the unpacked distribution's
 * {@code data/tmp}), run on the current JVM's Java. Realms, client scopes and confidential clients
 * are created through Keycloak's admin REST API (plain HTTP, no admin-client jar).
 *
 * <p>Startup takes 30–90 s on a busy 2-core machine; start one per test JVM. {@link #close()} stops
 * the whole process tree (SIGTERM, then SIGKILL after 20 s); a shutdown hook does the same if the
 * JVM exits first.
 */
public final class KeycloakServer implements AutoCloseable {

    /** The Keycloak release the build unpacks (keep in sync with the {@code keycloak.version} pom property). */
    public static final String VERSION = "26.5.6";

    /** System property naming the unpacked distribution (the folder with {@code bin/kc.sh}). */
    public static final String HOME_PROPERTY = "gatehouse.keycloak.home";

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";

    private final Process process;
    private final Path log;
    private final URI baseUrl;
    private final String adminPassword;
    private final HttpClient http;
    private final Thread shutdownHook;
    private String adminToken;
    private Instant adminTokenExpiry = Instant.MIN;

    private KeycloakServer(Process process, Path log, URI baseUrl, String adminPassword) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.adminPassword = adminPassword;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.shutdownHook = new Thread(this::stopProcessTree, "keycloak-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts Keycloak from the distribution named by the {@value #HOME_PROPERTY} system property. */
    public static KeycloakServer start(Duration startupTimeout) {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("system property " + HOME_PROPERTY + " is not set (expected: the unpacked"
                    + " keycloak-quarkus-dist " + VERSION + " folder; the data-plane pom unpacks it into target/)");
        }
        return start(Path.of(home), startupTimeout);
    }

    /** Starts Keycloak from {@code home} (an unpacked keycloak-quarkus-dist) and waits until it serves. */
    public static KeycloakServer start(Path home, Duration startupTimeout) {
        requireNonNull(home, "home");
        requireNonNull(startupTimeout, "startupTimeout");
        Path kcSh = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(kcSh)) {
            throw new IllegalArgumentException("home: " + home + " (expected: a Keycloak distribution with bin/kc.sh)");
        }
        int httpPort = Ports.freePort();
        int managementPort = Ports.freePort();
        String adminPassword = HexFormat.of().formatHex(randomBytes());
        try {
            Path log = Files.createTempFile("keycloak-", ".log");
            ProcessBuilder builder = new ProcessBuilder(
                            "bash",
                            kcSh.toString(),
                            "start-dev",
                            "--http-host=127.0.0.1",
                            "--http-port=" + httpPort,
                            "--http-management-port=" + managementPort,
                            "--db=dev-mem",
                            "--cache=local")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.remove("JAVA_OPTS");
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            Process process = builder.start();
            KeycloakServer server =
                    new KeycloakServer(process, log, URI.create("http://127.0.0.1:" + httpPort), adminPassword);
            try {
                server.awaitReady(startupTimeout);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
    }

    /** {@code http://127.0.0.1:{port}}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Creates an enabled realm. */
    public KeycloakRealm createRealm(String name) {
        requireNonNull(name, "name");
        admin("POST", "/admin/realms", Map.of("realm", name, "enabled", true));
        return new KeycloakRealm(this, name);
    }

    /** Sends an admin REST request; returns the response body (may be empty); fails on non-2xx. */
    synchronized String admin(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + adminToken())
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Keycloak admin " + method + " " + path + " answered HTTP "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak admin " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** POSTs a form to a (realm) endpoint and returns the JSON answer; fails on non-200. */
    JsonNode postForm(URI uri, Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        uri + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String adminToken() {
        if (adminToken == null || Instant.now().isAfter(adminTokenExpiry)) {
            JsonNode answer = postForm(
                    baseUrl.resolve("/realms/master/protocol/openid-connect/token"),
                    Map.of(
                            "grant_type",
                            "password",
                            "client_id",
                            "admin-cli",
                            "username",
                            ADMIN,
                            "password",
                            adminPassword));
            adminToken = answer.get("access_token").asText();
            adminTokenExpiry = Instant.now()
                    .plusSeconds(Math.max(5, answer.path("expires_in").asLong(60) - 15));
        }
        return adminToken;
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        URI probe = baseUrl.resolve("/realms/master/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                        + " during startup; log tail:\n" + logTail());
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(probe)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
        throw new IllegalStateException(
                "Keycloak did not answer on " + probe + " within " + timeout + "; log tail:\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable)";
        }
    }

    private void stopProcessTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle handle : tree) {
                handle.onExit().get(20, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stopProcessTree();
        http.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover temp log is harmless
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
