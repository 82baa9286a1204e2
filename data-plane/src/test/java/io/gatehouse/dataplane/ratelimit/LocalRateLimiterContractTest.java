package io.gatehouse.dataplane.ratelimit;

class LocalRateLimiterContractTest extends RateLimiterContract {
    @Override
    RateLimitEngine newEngine() {
        return RateLimitEngine.create(null, RedisRateLimitBackend.DEFAULT_TIMEOUT);
    }
}
