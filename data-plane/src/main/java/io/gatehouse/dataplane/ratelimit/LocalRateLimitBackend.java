package io.gatehouse.dataplane.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Buckets in this process's memory (Bucket4j lock-free buckets). The map is bounded: a bucket idle
 * for longer than its time to refill completely is full again, so dropping it changes nothing and
 * such buckets are swept whenever the map reaches {@code maxBuckets}; if it is still full after the
 * sweep, the least recently used tenth is dropped (those callers start over with a full bucket).
 */
public final class LocalRateLimitBackend implements RateLimitBackend {
    /** Default bound on the number of buckets kept. */
    public static final int DEFAULT_MAX_BUCKETS = 100_000;

    private final int maxBuckets;
    private final LongSupplier nanoClock;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    public LocalRateLimitBackend() {
        this(DEFAULT_MAX_BUCKETS);
    }

    public LocalRateLimitBackend(int maxBuckets) {
        this(maxBuckets, System::nanoTime);
    }

    LocalRateLimitBackend(int maxBuckets, LongSupplier nanoClock) {
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets: " + maxBuckets + " (expected: >= 1)");
        }
        this.maxBuckets = maxBuckets;
        this.nanoClock = nanoClock;
    }

    @Override
    public ConsumeResult tryConsume(String key, BucketSpec spec) {
        long now = nanoClock.getAsLong();
        Entry entry = buckets.get(key);
        if (entry == null) {
            if (buckets.size() >= maxBuckets) {
                evict(now);
            }
            entry = buckets.computeIfAbsent(
                    key,
                    k -> new Entry(
                            Bucket.builder().addLimit(spec.bandwidth()).build(),
                            spec.timeToFull().toNanos(),
                            now));
        }
        entry.lastUsed = now;
        ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
        return ConsumeResult.of(probe.isConsumed(), probe.getNanosToWaitForRefill());
    }

    /** The number of buckets currently kept. */
    public int size() {
        return buckets.size();
    }

    private void evict(long now) {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            buckets.values().removeIf(e -> e.expiredAt(now));
            int excess = buckets.size() - (maxBuckets - Math.max(1, maxBuckets / 10));
            if (excess > 0) {
                buckets.entrySet().stream()
                        .sorted(Comparator.comparingLong(e -> e.getValue().lastUsed))
                        .limit(excess)
                        .map(Map.Entry::getKey)
                        .toList()
                        .forEach(buckets::remove);
            }
        } finally {
            sweeping.set(false);
        }
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void close() {
        buckets.clear();
    }

    private static final class Entry {
        final Bucket bucket;
        final long idleExpiryNanos;
        volatile long lastUsed;

        Entry(Bucket bucket, long idleExpiryNanos, long now) {
            this.bucket = bucket;
            this.idleExpiryNanos = idleExpiryNanos;
            this.lastUsed = now;
        }

        boolean expiredAt(long now) {
            return now - lastUsed > idleExpiryNanos;
        }
    }
}
