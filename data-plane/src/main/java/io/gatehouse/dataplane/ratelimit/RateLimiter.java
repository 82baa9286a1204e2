package io.gatehouse.dataplane.ratelimit;

import io.gatehouse.dataplane.ratelimit.RateLimitBackend.BackendUnavailableException;
import io.gatehouse.dataplane.ratelimit.RateLimitDecision.Denied;
import io.gatehouse.dataplane.ratelimit.RateLimitDecision.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bundle's rate limits, compiled by {@link RateLimitEngine#compile}. Immutable and thread-safe;
 * swap it with the bundle. The buckets themselves live in the engine's backend, keyed so that an
 * unchanged limit keeps its buckets across swaps.
 */
public final class RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    /** Retry-After suggested when a limit fails closed because its store is unavailable. */
    static final Duration BACKEND_RETRY_AFTER = Duration.ofSeconds(1);

    private final List<CompiledLimit> limits;
    private final RateLimitEngine engine;

    RateLimiter(List<CompiledLimit> limits, RateLimitEngine engine) {
        this.limits = List.copyOf(limits);
        this.engine = engine;
    }

    /**
     * Takes one token from every limit that applies to the call, in bundle order, and stops at the
     * first that refuses (limits before it keep the token they gave).
     */
    public RateLimitDecision tryAcquire(RateLimitContext context) {
        Objects.requireNonNull(context, "context");
        for (CompiledLimit limit : limits) {
            if (!limit.appliesTo(context)) {
                continue;
            }
            RateLimitDecision decision = consume(limit, context);
            if (!decision.allowed()) {
                return decision;
            }
        }
        return RateLimitDecision.Allowed.INSTANCE;
    }

    /** The number of compiled limits. */
    public int size() {
        return limits.size();
    }

    private RateLimitDecision consume(CompiledLimit limit, RateLimitContext context) {
        String key = limit.bucketKey(context);
        ConsumeResult result;
        try {
            result = engine.backend().tryConsume(key, limit.spec);
        } catch (BackendUnavailableException e) {
            engine.countBackendFailure(limit.limit.failureMode());
            LOG.debug("RATE_LIMIT_BACKEND_UNAVAILABLE limit={} mode={}", limit.limit.id(), limit.limit.failureMode());
            switch (limit.limit.failureMode()) {
                case OPEN -> {
                    return RateLimitDecision.Allowed.INSTANCE;
                }
                case CLOSED -> {
                    return new Denied(limit.limit.id(), Reason.RATE_LIMIT_BACKEND_UNAVAILABLE, BACKEND_RETRY_AFTER);
                }
                case LOCAL -> result = engine.localFallback().tryConsume(key, limit.spec);
                default -> throw new IllegalStateException("failureMode: " + limit.limit.failureMode());
            }
        }
        return result.consumed()
                ? RateLimitDecision.Allowed.INSTANCE
                : new Denied(limit.limit.id(), Reason.RATE_LIMITED, result.retryAfter());
    }
}
