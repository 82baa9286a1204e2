package io.gatehouse.dataplane.ratelimit;

import io.gatehouse.protocol.bundle.RateLimit;
import io.gatehouse.protocol.bundle.RateLimit.FailureMode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The long-lived part of rate limiting: one per agent, across bundle swaps. It owns the backend
 * (Redis when a URI is configured, local memory otherwise), the local fallback used by limits with
 * failure mode {@code local}, and the backend-failure counters; {@link #compile} turns a bundle's
 * limits into a {@link RateLimiter}.
 */
public final class RateLimitEngine implements AutoCloseable {
    private final RateLimitBackend backend;
    private final RateLimitBackend localFallback;
    private final Map<FailureMode, LongAdder> backendFailures = new EnumMap<>(FailureMode.class);

    /**
     * @param backend where buckets live
     * @param localFallback buckets for limits with failure mode {@code local} while a shared
     *     backend is unavailable
     */
    public RateLimitEngine(RateLimitBackend backend, RateLimitBackend localFallback) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.localFallback = Objects.requireNonNull(localFallback, "localFallback");
        for (FailureMode mode : FailureMode.values()) {
            backendFailures.put(mode, new LongAdder());
        }
    }

    /**
     * From configuration: Redis when {@code redisUri} is non-null and not blank, local otherwise.
     *
     * @param redisUri a {@code redis://} or {@code rediss://} URI, or null
     * @param redisTimeout bound on each Redis round trip (e.g. {@link RedisRateLimitBackend#DEFAULT_TIMEOUT})
     */
    public static RateLimitEngine create(String redisUri, Duration redisTimeout) {
        LocalRateLimitBackend local = new LocalRateLimitBackend();
        if (redisUri == null || redisUri.isBlank()) {
            return new RateLimitEngine(local, local);
        }
        return new RateLimitEngine(new RedisRateLimitBackend(redisUri, redisTimeout), local);
    }

    /** Compiles a bundle's limits; cheap enough to do on every bundle swap. */
    public RateLimiter compile(List<RateLimit> limits) {
        Objects.requireNonNull(limits, "limits");
        return new RateLimiter(limits.stream().map(CompiledLimit::new).toList(), this);
    }

    /** Calls decided by a failure mode because the backend was unavailable, per mode (for metrics). */
    public Map<FailureMode, Long> backendFailures() {
        Map<FailureMode, Long> counts = new EnumMap<>(FailureMode.class);
        backendFailures.forEach((mode, count) -> counts.put(mode, count.sum()));
        return counts;
    }

    /** Whether buckets are shared with other agents. */
    public boolean shared() {
        return backend.shared();
    }

    RateLimitBackend backend() {
        return backend;
    }

    RateLimitBackend localFallback() {
        return localFallback;
    }

    void countBackendFailure(FailureMode mode) {
        backendFailures.get(mode).increment();
    }

    @Override
    public void close() {
        try {
            backend.close();
        } finally {
            localFallback.close();
        }
    }
}
