package io.gatehouse.dataplane.ratelimit;

import java.time.Duration;

/**
 * One attempt to take a token.
 *
 * @param consumed whether the token was taken
 * @param retryAfter when not consumed, how long until a token is available; zero otherwise
 */
public record ConsumeResult(boolean consumed, Duration retryAfter) {
    static final ConsumeResult CONSUMED = new ConsumeResult(true, Duration.ZERO);

    static ConsumeResult of(boolean consumed, long nanosToWait) {
        return consumed ? CONSUMED : new ConsumeResult(false, Duration.ofNanos(Math.max(1, nanosToWait)));
    }
}
