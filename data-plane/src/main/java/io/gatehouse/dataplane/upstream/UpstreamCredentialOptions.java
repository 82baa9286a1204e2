package io.gatehouse.dataplane.upstream;

import static java.util.Objects.requireNonNull;

import io.gatehouse.dataplane.auth.SecretResolver;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings shared by the credentials of an {@link UpstreamCredentials} factory.
 *
 * @param connectTimeout connect timeout of token endpoint calls
 * @param readTimeout response timeout of token endpoint calls
 * @param refreshMargin a cached token is replaced this long before it expires
 * @param failureBackoff after a failed fetch, further calls fail at once for this long (so a down
 *     token endpoint is not hammered and requests do not queue on its timeouts)
 * @param maxExchangedTokens bound of the per-caller token-exchange cache
 * @param clock time source for expiry
 * @param secretResolver resolves client secrets and static header secrets
 */
public record UpstreamCredentialOptions(
        Duration connectTimeout,
        Duration readTimeout,
        Duration refreshMargin,
        Duration failureBackoff,
        int maxExchangedTokens,
        Clock clock,
        SecretResolver secretResolver) {

    public UpstreamCredentialOptions {
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        requireNonNull(refreshMargin, "refreshMargin");
        requireNonNull(failureBackoff, "failureBackoff");
        if (refreshMargin.isNegative() || failureBackoff.isNegative()) {
            throw new IllegalArgumentException("refreshMargin and failureBackoff must be >= 0");
        }
        if (maxExchangedTokens <= 0) {
            throw new IllegalArgumentException("maxExchangedTokens: " + maxExchangedTokens + " (expected: > 0)");
        }
        requireNonNull(clock, "clock");
        requireNonNull(secretResolver, "secretResolver");
    }

    /** 2 s connect, 5 s read, refresh 30 s before expiry, 2 s failure backoff, 10 000 exchanged tokens. */
    public static UpstreamCredentialOptions defaults() {
        return new UpstreamCredentialOptions(
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(2),
                10_000,
                Clock.systemUTC(),
                new SecretResolver());
    }

    public UpstreamCredentialOptions withClock(Clock clock) {
        return new UpstreamCredentialOptions(
                connectTimeout, readTimeout, refreshMargin, failureBackoff, maxExchangedTokens, clock, secretResolver);
    }

    public UpstreamCredentialOptions withSecretResolver(SecretResolver secretResolver) {
        return new UpstreamCredentialOptions(
                connectTimeout, readTimeout, refreshMargin, failureBackoff, maxExchangedTokens, clock, secretResolver);
    }

    public UpstreamCredentialOptions withRefresh(Duration refreshMargin, Duration failureBackoff) {
        return new UpstreamCredentialOptions(
                connectTimeout, readTimeout, refreshMargin, failureBackoff, maxExchangedTokens, clock, secretResolver);
    }

    private static void positive(Duration value, String name) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
