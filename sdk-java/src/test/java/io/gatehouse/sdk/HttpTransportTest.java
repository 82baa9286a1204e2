package io.gatehouse.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.ScopeRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's plumbing against a scripted local HTTP server: retries, idempotency keys, problems. */
class HttpTransportTest {
    private HttpServer server;
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Gatehouse client(int retries) {
        return Gatehouse.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .token("gha_test")
                .maxRetries(retries)
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("X-Request-Id", "req-" + status);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void createIsRetriedOn503WithTheSameIdempotencyKey() {
        server.createContext("/api/v1/scopes", exchange -> {
            idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            assertThat(exchange.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer gha_test");
            if (calls.incrementAndGet() < 3) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                reply(exchange, 503, "application/problem+json", "{\"status\":503,\"code\":\"UNAVAILABLE\"}");
            } else {
                reply(
                        exchange,
                        201,
                        "application/json",
                        "{\"id\":\"s1\",\"name\":\"files:read\",\"implies\":[],\"version\":0,\"futureField\":1}");
            }
        });
        Scope scope = client(2).scopes().create(new ScopeRequest("files:read", null, null));
        assertThat(scope.id()).isEqualTo("s1");
        assertThat(calls.get()).isEqualTo(3);
        assertThat(idempotencyKeys).hasSize(3).doesNotContainNull();
        assertThat(idempotencyKeys.stream().distinct()).hasSize(1);
    }

    @Test
    void problemDetailsBecomeTypedExceptionsWithoutRetry() {
        server.createContext("/api/v1/scopes", exchange -> {
            calls.incrementAndGet();
            reply(
                    exchange,
                    400,
                    "application/problem+json",
                    "{\"status\":400,\"code\":\"VALIDATION_FAILED\","
                            + "\"detail\":\"bad\",\"requestId\":\"r-1\",\"errors\":[{\"field\":\"name\",\"message\":\"is required\"}]}");
        });
        assertThatThrownBy(() -> client(3).scopes().create(new ScopeRequest(null, null, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
                    assertThat(e.requestId()).isEqualTo("req-400");
                    assertThat(e.fieldErrors())
                            .singleElement()
                            .satisfies(f -> assertThat(f.field()).isEqualTo("name"));
                    assertThat(e.getMessage()).contains("VALIDATION_FAILED").contains("req-400");
                });
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void connectionFailuresSurfaceAsApiConnectionException() {
        Gatehouse client =
                Gatehouse.builder().baseUrl("http://127.0.0.1:1").maxRetries(1).build();
        assertThatThrownBy(() -> client.servers().get("x"))
                .isInstanceOfSatisfying(
                        ApiConnectionException.class,
                        e -> assertThat(e.status()).isZero());
    }

    @Test
    void backoffGrowsWithJitterAndHonoursRetryAfter() {
        for (int attempt = 0; attempt < 12; attempt++) {
            long cap = Math.min(5000, 200L << attempt);
            long millis = HttpTransport.backoff(attempt, Optional.empty()).toMillis();
            assertThat(millis).isBetween((long) (cap * 0.75) - 1, cap);
        }
        assertThat(HttpTransport.backoff(0, Optional.of("7"))).isEqualTo(Duration.ofSeconds(7));
        assertThat(HttpTransport.backoff(0, Optional.of("3600")).toMillis()).isLessThanOrEqualTo(200);
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> Gatehouse.builder().baseUrl("not a url")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gatehouse.builder().maxRetries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gatehouse.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
