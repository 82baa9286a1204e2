package io.gatehouse.controlplane.auth;

import io.gatehouse.controlplane.api.errors.ApiException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-client-address limit on unauthenticated attempts (login, sign-up, accepting invitations):
 * a fixed one-minute window per address in memory. The per-account lockout lives in the database
 * ({@code gh_login_failed}); this one stops spraying many accounts from one address.
 */
public final class LoginThrottle {
    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public LoginThrottle(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public void acquire(String address) {
        long minute = clock.millis() / 60_000;
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(e -> e.getValue().minute < minute);
        }
        Window window = windows.compute(address, (k, w) -> w == null || w.minute != minute ? new Window(minute) : w);
        if (window.count.incrementAndGet() > perMinute) {
            long retryAfter = 60 - (clock.millis() / 1000) % 60;
            throw ApiException.tooManyRequests(
                    "TOO_MANY_ATTEMPTS", "too many attempts from this address; retry later", retryAfter);
        }
    }

    private static final class Window {
        final long minute;
        final AtomicInteger count = new AtomicInteger();

        Window(long minute) {
            this.minute = minute;
        }
    }
}
