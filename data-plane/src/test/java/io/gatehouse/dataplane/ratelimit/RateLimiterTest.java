package io.gatehouse.dataplane.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.dataplane.ratelimit.RateLimitBackend.BackendUnavailableException;
import io.gatehouse.dataplane.ratelimit.RateLimitDecision.Denied;
import io.gatehouse.dataplane.ratelimit.RateLimitDecision.Reason;
import io.gatehouse.protocol.bundle.RateLimit;
import io.gatehouse.protocol.bundle.RateLimit.FailureMode;
import io.gatehouse.protocol.bundle.RateLimit.KeyDimension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure modes, keys and decisions, over fake backends. */
class RateLimiterTest {

    /** A shared store that is down, or up, on demand; records the keys it was asked for. */
    private static final class SwitchableBackend implements RateLimitBackend {
        final LocalRateLimitBackend store = new LocalRateLimitBackend();
        final List<String> keys = new ArrayList<>();
        boolean down;

        @Override
        public ConsumeResult tryConsume(String key, BucketSpec spec) {
            keys.add(key);
            if (down) {
                throw new BackendUnavailableException("down", null);
            }
            return store.tryConsume(key, spec);
        }

        @Override
        public boolean shared() {
            return true;
        }

        @Override
        public void close() {}
    }

    private static RateLimit limit(String id, long capacity, String tool, FailureMode mode) {
        return new RateLimit(id, List.of(KeyDimension.PRINCIPAL), null, tool, capacity, 1, Duration.ofHours(1), mode);
    }

    private static RateLimitContext call(String principal, String tool) {
        return new RateLimitContext("acme", principal, null, "srv", tool);
    }

    @Test
    void unavailableBackendFollowsEachLimitsFailureModeAndIsCounted() {
        SwitchableBackend backend = new SwitchableBackend();
        RateLimitEngine engine = new RateLimitEngine(backend, new LocalRateLimitBackend());
        RateLimiter limiter = engine.compile(List.of(
                limit("open", 1, "o", FailureMode.OPEN),
                limit("closed", 1, "c", FailureMode.CLOSED),
                limit("local", 1, "l", FailureMode.LOCAL)));
        backend.down = true;

        assertThat(limiter.tryAcquire(call("alice", "o")).allowed()).isTrue();
        assertThat(limiter.tryAcquire(call("alice", "o")).allowed())
                .as("open never counts")
                .isTrue();
        assertThat(limiter.tryAcquire(call("alice", "c")))
                .isEqualTo(new Denied("closed", Reason.RATE_LIMIT_BACKEND_UNAVAILABLE, Duration.ofSeconds(1)));
        assertThat(limiter.tryAcquire(call("alice", "l")).allowed()).isTrue();
        assertThat(limiter.tryAcquire(call("alice", "l")))
                .as("local fallback bucket of 1")
                .isInstanceOfSatisfying(
                        Denied.class, d -> assertThat(d.reason()).isEqualTo(Reason.RATE_LIMITED));

        assertThat(engine.backendFailures())
                .containsEntry(FailureMode.OPEN, 2L)
                .containsEntry(FailureMode.CLOSED, 1L)
                .containsEntry(FailureMode.LOCAL, 2L);

        backend.down = false;
        assertThat(limiter.tryAcquire(call("alice", "c")).allowed())
                .as("back on the shared store")
                .isTrue();
        assertThat(limiter.tryAcquire(call("alice", "l")).allowed()).isTrue();
        assertThat(engine.backendFailures()).containsEntry(FailureMode.CLOSED, 1L);
    }

    @Test
    void firstDenyingLimitStopsTheChecks() {
        SwitchableBackend backend = new SwitchableBackend();
        RateLimiter limiter = new RateLimitEngine(backend, new LocalRateLimitBackend())
                .compile(List.of(limit("a", 1, null, FailureMode.CLOSED), limit("b", 5, null, FailureMode.CLOSED)));
        limiter.tryAcquire(call("alice", "x"));
        backend.keys.clear();

        assertThat(limiter.tryAcquire(call("alice", "x")))
                .isInstanceOfSatisfying(
                        Denied.class, d -> assertThat(d.limitId()).isEqualTo("a"));
        assertThat(backend.keys).hasSize(1);
    }

    @Test
    void bucketKeysNameTheLimitAndSettingsButNeverTheCallerInClear() {
        SwitchableBackend backend = new SwitchableBackend();
        RateLimitEngine engine = new RateLimitEngine(backend, new LocalRateLimitBackend());
        RateLimit original = limit("per-user", 10, null, FailureMode.CLOSED);
        engine.compile(List.of(original)).tryAcquire(call("alice@example.com", "x"));
        engine.compile(List.of(limit("per-user", 10, null, FailureMode.OPEN)))
                .tryAcquire(call("alice@example.com", "x"));
        engine.compile(List.of(limit("per-user", 11, null, FailureMode.CLOSED)))
                .tryAcquire(call("alice@example.com", "x"));

        assertThat(backend.keys)
                .allSatisfy(key -> assertThat(key)
                        .startsWith("gatehouse:rl:per-user:")
                        .doesNotContain("alice")
                        .doesNotContain("acme")
                        .hasSizeLessThan(80));
        assertThat(backend.keys.get(1))
                .as("failure mode does not shape the bucket")
                .isEqualTo(backend.keys.get(0));
        assertThat(backend.keys.get(2)).as("capacity does").isNotEqualTo(backend.keys.get(0));
    }

    @Test
    void retryAfterSecondsRoundsUpAndIsAtLeastOne() {
        assertThat(new Denied("x", Reason.RATE_LIMITED, Duration.ofMillis(1)).retryAfterSeconds())
                .isEqualTo(1);
        assertThat(new Denied("x", Reason.RATE_LIMITED, Duration.ofMillis(1001)).retryAfterSeconds())
                .isEqualTo(2);
        assertThat(new Denied("x", Reason.RATE_LIMITED, Duration.ofSeconds(3)).retryAfterSeconds())
                .isEqualTo(3);
    }

    @Test
    void badInputIsRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> new RateLimitContext(null, "p", null, "s", null))
                .hasMessage("tenant");
        assertThatThrownBy(() -> new BucketSpec(0, 1, Duration.ofSeconds(1)))
                .hasMessage("capacity: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new LocalRateLimitBackend(0)).hasMessage("maxBuckets: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new RedisRateLimitBackend("redis://x", Duration.ZERO))
                .hasMessage("timeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> new RedisRateLimitBackend("http://user:s3cret@host", Duration.ofSeconds(1)))
                .hasMessage("redisUri: not a valid redis:// or rediss:// URI")
                .hasNoCause();
    }

    @Test
    void timeToFullCoversWholeRefillPeriods() {
        assertThat(new BucketSpec(10, 3, Duration.ofSeconds(1)).timeToFull()).isEqualTo(Duration.ofSeconds(4));
        assertThat(new BucketSpec(1, 5, Duration.ofMinutes(1)).timeToFull()).isEqualTo(Duration.ofMinutes(1));
    }
}
