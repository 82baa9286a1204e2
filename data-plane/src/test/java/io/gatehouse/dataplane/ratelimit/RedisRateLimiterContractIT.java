package io.gatehouse.dataplane.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.devstack.EmbeddedRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract against a real Redis, through Bucket4j's Lettuce proxy manager. */
class RedisRateLimiterContractIT extends RateLimiterContract {
    private static EmbeddedRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    RateLimitEngine newEngine() {
        RateLimitEngine engine = RateLimitEngine.create(redis.uri(), Duration.ofMillis(500));
        assertThat(engine.shared()).isTrue();
        assertThat(((RedisRateLimitBackend) engine.backend()).connected()).isTrue();
        return engine;
    }
}
