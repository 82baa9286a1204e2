package io.gatehouse.dataplane.ratelimit;

import java.time.Duration;
import java.util.Objects;

/** The outcome of {@link RateLimiter#tryAcquire}: allowed, or denied by one limit. */
public sealed interface RateLimitDecision {

    /** Stable error keys, identical in responses, logs and metrics. */
    enum Reason {
        /** The limit's bucket is empty. */
        RATE_LIMITED,
        /** The shared store did not answer in time and the limit fails closed. */
        RATE_LIMIT_BACKEND_UNAVAILABLE
    }

    boolean allowed();

    /** Every applicable limit had a token (or failed open). */
    record Allowed() implements RateLimitDecision {
        static final Allowed INSTANCE = new Allowed();

        @Override
        public boolean allowed() {
            return true;
        }
    }

    /**
     * Refused.
     *
     * @param limitId the id of the limit that refused
     * @param reason why
     * @param retryAfter how long until a token is available (for {@code Retry-After}); for
     *     {@link Reason#RATE_LIMIT_BACKEND_UNAVAILABLE} a short back-off
     */
    record Denied(String limitId, Reason reason, Duration retryAfter) implements RateLimitDecision {
        public Denied {
            Objects.requireNonNull(limitId, "limitId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        @Override
        public boolean allowed() {
            return false;
        }

        /** Whole seconds for an HTTP {@code Retry-After} header, rounded up, at least 1. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }
}
