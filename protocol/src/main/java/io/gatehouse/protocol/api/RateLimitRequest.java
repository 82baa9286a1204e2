package io.gatehouse.protocol.api;

/** {@code POST|PUT /api/v1/rate-limits}: a token bucket of {@code capacity}, refilled by {@code refillTokens} every {@code refillPeriodSeconds}. */
public record RateLimitRequest(
        String name,
        LimitKey key,
        String serverId,
        String tool,
        Long capacity,
        Long refillTokens,
        Long refillPeriodSeconds,
        FailureMode failureMode) {}
