package io.gatehouse.dataplane.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.dataplane.ratelimit.RateLimitBackend.BackendUnavailableException;
import io.gatehouse.dataplane.ratelimit.RateLimitDecision.Denied;
import io.gatehouse.dataplane.ratelimit.RateLimitDecision.Reason;
import io.gatehouse.devstack.EmbeddedRedis;
import io.gatehouse.protocol.bundle.RateLimit;
import io.gatehouse.protocol.bundle.RateLimit.FailureMode;
import io.gatehouse.protocol.bundle.RateLimit.KeyDimension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis backend on its own against a real Redis: expiry, timeouts, connecting late. */
class RedisRateLimitBackendIT {
    private static EmbeddedRedis redis;
    private static RedisClient inspector;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start();
        inspector = RedisClient.create(redis.uri());
    }

    @AfterAll
    static void stop() {
        inspector.shutdown();
        redis.close();
    }

    @Test
    void keysExpireOnceTheirBucketWouldBeFullAgain() {
        BucketSpec spec = new BucketSpec(3, 1, Duration.ofSeconds(2));
        try (RedisRateLimitBackend backend = new RedisRateLimitBackend(redis.uri(), Duration.ofSeconds(1));
                StatefulRedisConnection<String, String> connection = inspector.connect()) {
            assertThat(backend.tryConsume("gatehouse:rl:ttl-test:k", spec).consumed())
                    .isTrue();

            long ttlMillis = connection.sync().pttl("gatehouse:rl:ttl-test:k");
            long valueBytes = connection.sync().strlen("gatehouse:rl:ttl-test:k");
            assertThat(valueBytes).as("sizing in docs/rate-limits.md").isBetween(1L, 200L);

            // 1 token missing: ~2 s to be full, plus the 10 s margin
            assertThat(ttlMillis)
                    .isPositive()
                    .isLessThanOrEqualTo(spec.timeToFull()
                            .plus(RedisRateLimitBackend.EXPIRY_MARGIN)
                            .toMillis());
        }
    }

    @Test
    void aStalledRedisCostsAtMostTheTimeout() {
        BucketSpec spec = new BucketSpec(10, 1, Duration.ofMinutes(1));
        try (RedisRateLimitBackend backend = new RedisRateLimitBackend(redis.uri(), Duration.ofMillis(300));
                StatefulRedisConnection<String, String> connection = inspector.connect()) {
            assertThat(backend.tryConsume("gatehouse:rl:stall-test:k", spec).consumed())
                    .isTrue();
            connection.sync().clientPause(1_500);

            long started = System.nanoTime();
            assertThatThrownBy(() -> backend.tryConsume("gatehouse:rl:stall-test:k", spec))
                    .isInstanceOf(BackendUnavailableException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofMillis(1_000));
            await().atMost(Duration.ofSeconds(5))
                    .ignoreExceptions()
                    .until(() -> backend.tryConsume("gatehouse:rl:stall-test:k", spec)
                            .consumed());
        }
    }

    @Test
    void anAgentStartedWhileRedisIsDownConnectsWhenItComesUp() {
        EmbeddedRedis late = EmbeddedRedis.start();
        try {
            late.stop();
            try (RateLimitEngine engine = RateLimitEngine.create(late.uri(), Duration.ofMillis(300))) {
                RateLimiter limiter = engine.compile(List.of(new RateLimit(
                        "late",
                        List.of(KeyDimension.PRINCIPAL),
                        null,
                        null,
                        5,
                        1,
                        Duration.ofMinutes(1),
                        FailureMode.CLOSED)));
                RateLimitContext call = new RateLimitContext("acme", "alice", null, "srv", null);
                assertThat(limiter.tryAcquire(call))
                        .isInstanceOfSatisfying(
                                Denied.class,
                                d -> assertThat(d.reason()).isEqualTo(Reason.RATE_LIMIT_BACKEND_UNAVAILABLE));

                late.restart();

                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> limiter.tryAcquire(call).allowed());
                assertThat(((RedisRateLimitBackend) engine.backend()).connected())
                        .isTrue();
            }
        } finally {
            late.close();
        }
    }
}
