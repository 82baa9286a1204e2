package io.gatehouse.dataplane.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.protocol.fleet.EnrollmentRequest;
import io.gatehouse.protocol.fleet.EnrollmentResponse;
import io.gatehouse.protocol.fleet.TrustSetChain;
import io.gatehouse.protocol.signing.KeyRing;
import io.gatehouse.protocol.signing.PossessionProof;
import io.gatehouse.protocol.signing.PossessionProofException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The control plane's enrollment endpoint as the fleet contract defines it ({@code POST /api/v1/data-planes:enroll},
 * RFC 9457 problems), for tests: one-shot tokens, a real {@link PossessionProof} check, and an answer built from a
 * {@link KeyRing}'s trust set and the given Pulsar access.
 */
final class FakeControlPlane implements AutoCloseable {

    private static final ObjectMapper JSON = FleetJson.MAPPER;

    /** An enrolled agent as the control plane recorded it. */
    record Registered(String agentId, String name, String keyId, String agentVersion) {}

    private final HttpServer server;
    private final String tenantId;
    private final String groupId;
    private final Supplier<KeyRing> ring;
    private final List<String> trustChain;
    private final String pulsarUrl;
    private final String pulsarToken;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final List<Registered> registered = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String redactionHashKey;

    FakeControlPlane(
            String tenantId,
            String groupId,
            Supplier<KeyRing> ring,
            List<String> trustChain,
            String pulsarUrl,
            String pulsarToken)
            throws IOException {
        this.tenantId = tenantId;
        this.groupId = groupId;
        this.ring = ring;
        this.trustChain = trustChain;
        this.pulsarUrl = pulsarUrl;
        this.pulsarToken = pulsarToken;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/data-planes:enroll", this::enroll);
        server.start();
    }

    /** The tenant's redaction hash key (base64url) that enrollment answers carry from now on; null: none. */
    FakeControlPlane redactionHashKey(String key) {
        this.redactionHashKey = key;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String issueToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String token = "ght_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.add(token);
        return token;
    }

    List<Registered> registered() {
        return List.copyOf(registered);
    }

    int requests() {
        return requests.get();
    }

    private void enroll(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                problem(exchange, 405, "Method Not Allowed", "use POST");
                return;
            }
            EnrollmentRequest request;
            try {
                request = JSON.readValue(exchange.getRequestBody(), EnrollmentRequest.class);
            } catch (IOException e) {
                problem(exchange, 400, "Bad Request", "body is not an EnrollmentRequest");
                return;
            }
            if (request.token() == null || !tokens.remove(request.token())) {
                problem(exchange, 401, "Unauthorized", "enrollment token is invalid, expired or already used");
                return;
            }
            PossessionProof.Verified proof;
            try {
                proof = PossessionProof.verify(
                        request.proof(),
                        request.token(),
                        EnrollmentRequest.ENROLLMENT_AUDIENCE,
                        Instant.now(),
                        Duration.ofMinutes(5));
            } catch (PossessionProofException e) {
                problem(exchange, 400, "Bad Request", "proof of possession: " + e.reason());
                return;
            }
            String agentId = "agent-" + proof.keyId().substring(0, 12);
            registered.add(new Registered(agentId, request.name(), proof.keyId(), request.agentVersion()));
            KeyRing current = ring.get();
            EnrollmentResponse response = new EnrollmentResponse(
                    agentId,
                    tenantId,
                    groupId,
                    current.trustSet().compact(),
                    new TrustSetChain(trustChain),
                    new EnrollmentResponse.Pulsar(pulsarUrl, pulsarToken),
                    redactionHashKey);
            byte[] body = JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of(
                "type",
                "https://gatehouse.dev/problems/enrollment",
                "title",
                title,
                "status",
                status,
                "detail",
                detail));
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
