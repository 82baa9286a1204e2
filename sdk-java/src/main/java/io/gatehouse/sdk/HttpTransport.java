package io.gatehouse.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gatehouse.protocol.api.Problem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The HTTP plumbing: JSON in and out, bearer token, problem details into exceptions, and retries
 * with exponential backoff and jitter for calls that are safe to repeat (GET, PUT, DELETE, and POST
 * with an Idempotency-Key) on connection failures, 429, 502, 503, 504, and 409
 * {@code IDEMPOTENCY_IN_PROGRESS} (a twin request with the same key was in flight).
 */
final class HttpTransport {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI baseUrl;
    private final String token;
    private final Duration timeout;
    private final int maxRetries;

    HttpTransport(HttpClient http, URI baseUrl, String token, Duration timeout, int maxRetries) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
    }

    HttpTransport withToken(String newToken) {
        return new HttpTransport(http, baseUrl, newToken, timeout, maxRetries);
    }

    /** A response: the decoded body and the ETag, if any. */
    record Result<T>(T body, String etag, int status) {}

    <T> Result<T> send(
            String method,
            String path,
            Map<String, String> query,
            Object body,
            RequestOptions options,
            TypeReference<T> type,
            boolean retryable) {
        RequestOptions opts = options == null ? RequestOptions.NONE : options;
        String idempotencyKey = opts.idempotencyKey();
        if (method.equals("POST") && retryable && idempotencyKey == null) {
            idempotencyKey = UUID.randomUUID().toString();
        }
        int budget = retryable ? (opts.maxRetries() != null ? opts.maxRetries() : maxRetries) : 0;
        HttpRequest request = build(method, path, query, body, opts, idempotencyKey);
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (attempt < budget) {
                    sleep(backoff(attempt, null));
                    continue;
                }
                throw new ApiConnectionException(method + " " + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiConnectionException(method + " " + path + " interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                T decoded = status == 204 || type == null || response.body().isEmpty()
                        ? null
                        : decode(response.body(), type);
                return new Result<>(
                        decoded, response.headers().firstValue("ETag").orElse(null), status);
            }
            Problem problem = null;
            try {
                problem = response.body().isEmpty() ? null : MAPPER.readValue(response.body(), Problem.class);
            } catch (IOException ignored) {
                // not a problem document: the status alone describes the failure
            }
            boolean inFlight = status == 409 && problem != null && "IDEMPOTENCY_IN_PROGRESS".equals(problem.code());
            if (attempt < budget && (inFlight || status == 429 || status == 502 || status == 503 || status == 504)) {
                sleep(backoff(attempt, response.headers().firstValue("Retry-After")));
                continue;
            }
            throw GatehouseException.of(
                    status,
                    problem,
                    response.headers().firstValue("X-Request-Id").orElse(null));
        }
    }

    private HttpRequest build(
            String method,
            String path,
            Map<String, String> query,
            Object body,
            RequestOptions opts,
            String idempotencyKey) {
        StringBuilder uri = new StringBuilder(baseUrl.toString().replaceAll("/+$", "")).append(path);
        if (query != null && !query.isEmpty()) {
            StringJoiner joiner = new StringJoiner("&", "?", "");
            query.forEach((k, v) -> joiner.add(enc(k) + "=" + enc(v)));
            uri.append(joiner);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        if (opts.ifMatch() != null) {
            builder.header("If-Match", "\"" + opts.ifMatch() + "\"");
        }
        if (body != null) {
            try {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot serialise " + body.getClass().getSimpleName(), e);
            }
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private static <T> T decode(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new GatehouseException(
                    "unexpected response body: " + e.getMessage(), 200, "BAD_RESPONSE", null, null, e);
        }
    }

    /** Exponential from 200 ms, capped at 5 s, with 75-100 % jitter; a Retry-After (≤ 30 s) wins. */
    static Duration backoff(int attempt, Optional<String> retryAfter) {
        if (retryAfter != null && retryAfter.isPresent()) {
            try {
                long seconds = Long.parseLong(retryAfter.get().trim());
                if (seconds >= 0 && seconds <= 30) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException ignored) {
                // an HTTP date or garbage: fall back to our own backoff
            }
        }
        long base = Math.min(MAX_BACKOFF.toMillis(), INITIAL_BACKOFF.toMillis() << Math.min(attempt, 10));
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.25;
        return Duration.ofMillis((long) (base * jitter));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted while waiting to retry", e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One path segment, URL-encoded. */
    static String pathSegment(String value) {
        return enc(value);
    }

    /**
     * GET whose body is streamed to the caller (who closes it): nothing is buffered here. Errors (non-2xx) are
     * read and thrown as the usual exceptions. Not retried: the caller may have consumed part of the stream.
     */
    java.io.InputStream stream(String path, Map<String, String> query) {
        HttpRequest json = build("GET", path, query, null, RequestOptions.NONE, null);
        HttpRequest request = HttpRequest.newBuilder(json, (name, value) -> !name.equalsIgnoreCase("Accept"))
                .header("Accept", "*/*")
                .build();
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiConnectionException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("GET " + path + " interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        Problem problem = null;
        try (java.io.InputStream in = response.body()) {
            byte[] body = in.readNBytes(64 * 1024);
            problem = body.length == 0 ? null : MAPPER.readValue(body, Problem.class);
        } catch (IOException ignored) {
            // not a problem document: the status alone describes the failure
        }
        throw GatehouseException.of(
                status, problem, response.headers().firstValue("X-Request-Id").orElse(null));
    }
}
