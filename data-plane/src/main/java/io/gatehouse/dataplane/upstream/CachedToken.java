package io.gatehouse.dataplane.upstream;

import io.gatehouse.dataplane.upstream.TokenEndpointClient.IssuedToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One cached token with single-flight refresh: the first caller that finds it due refreshes it,
 * concurrent callers wait for that refresh (or keep using the old token while it is still valid).
 * After a failure, callers fail at once for the failure backoff.
 */
final class CachedToken {

    interface Fetcher {
        IssuedToken fetch() throws UpstreamCredentialException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final Duration refreshMargin;
    private final Duration failureBackoff;
    private volatile IssuedToken token;
    private volatile Instant failedUntil = Instant.MIN;
    private volatile UpstreamCredentialException lastFailure;

    CachedToken(Clock clock, Duration refreshMargin, Duration failureBackoff) {
        this.clock = clock;
        this.refreshMargin = refreshMargin;
        this.failureBackoff = failureBackoff;
    }

    String get(Fetcher fetcher) throws UpstreamCredentialException {
        Instant now = clock.instant();
        IssuedToken current = token;
        if (fresh(current, now)) {
            return current.value();
        }
        boolean stillValid = current != null && now.isBefore(current.expiresAt());
        if (stillValid && !lock.tryLock()) {
            return current.value(); // another caller is refreshing
        }
        if (!stillValid) {
            lock.lock();
        }
        try {
            now = clock.instant();
            current = token;
            if (fresh(current, now)) {
                return current.value();
            }
            if (now.isBefore(failedUntil) && lastFailure != null) {
                if (current != null && now.isBefore(current.expiresAt())) {
                    return current.value();
                }
                throw new UpstreamCredentialException(lastFailure.getMessage() + " (retrying after backoff)");
            }
            try {
                IssuedToken fetched = fetcher.fetch();
                token = fetched;
                lastFailure = null;
                return fetched.value();
            } catch (UpstreamCredentialException e) {
                lastFailure = e;
                failedUntil = clock.instant().plus(failureBackoff);
                if (current != null && clock.instant().isBefore(current.expiresAt())) {
                    return current.value();
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** True when the cached token may still be used without refreshing. */
    boolean usable() {
        IssuedToken current = token;
        return current != null && clock.instant().isBefore(current.expiresAt());
    }

    private boolean fresh(IssuedToken token, Instant now) {
        return token != null && now.isBefore(token.expiresAt().minus(refreshMargin));
    }
}
