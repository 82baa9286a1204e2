package io.gatehouse.dataplane.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * The shape of one token bucket: {@code capacity} tokens, refilled greedily by {@code refillTokens}
 * per {@code refillPeriod}.
 */
public record BucketSpec(long capacity, long refillTokens, Duration refillPeriod) {
    public BucketSpec {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        if (refillTokens < 1) {
            throw new IllegalArgumentException("refillTokens: " + refillTokens + " (expected: >= 1)");
        }
        if (refillPeriod == null || refillPeriod.isNegative() || refillPeriod.isZero()) {
            throw new IllegalArgumentException("refillPeriod: " + refillPeriod + " (expected: > 0)");
        }
    }

    Bandwidth bandwidth() {
        return Bandwidth.builder()
                .capacity(capacity)
                .refillGreedy(refillTokens, refillPeriod)
                .build();
    }

    BucketConfiguration configuration() {
        return BucketConfiguration.builder().addLimit(bandwidth()).build();
    }

    /** How long an empty bucket takes to be full again; an idle bucket older than this is full. */
    Duration timeToFull() {
        long periods = (capacity + refillTokens - 1) / refillTokens;
        return refillPeriod.multipliedBy(periods);
    }
}
