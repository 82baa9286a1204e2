package io.gatehouse.dataplane.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;

/**
 * Operational settings shared by every issuer of a {@link TokenVerifiers#create token verifier}.
 *
 * @param connectTimeout TCP connect timeout of every call to an issuer (discovery, JWKS,
 *     introspection)
 * @param readTimeout read/response timeout of every call to an issuer
 * @param jwksCacheTtl how long fetched keys are used before they are fetched again
 * @param jwksRefreshAhead how long before {@code jwksCacheTtl} ends a background refresh starts
 * @param jwksOutageTolerance how long the last good keys keep being used while the issuer cannot be
 *     reached (bounded: afterwards tokens fail with {@code ISSUER_UNAVAILABLE})
 * @param jwksMinRefreshInterval minimum time between two forced refreshes caused by an unknown
 *     {@code kid} (so attackers cannot make the data plane hammer the issuer)
 * @param introspectionCacheTtl how long an RFC 7662 answer is reused (never beyond the token's
 *     {@code exp})
 * @param clock time source for {@code exp}/{@code nbf} checks (the JWKS cache uses the system clock)
 * @param secretResolver resolves {@link IssuerSettings.Introspection#clientSecretRef()}
 */
public record TokenVerifierOptions(
        Duration connectTimeout,
        Duration readTimeout,
        Duration jwksCacheTtl,
        Duration jwksRefreshAhead,
        Duration jwksOutageTolerance,
        Duration jwksMinRefreshInterval,
        Duration introspectionCacheTtl,
        Clock clock,
        SecretResolver secretResolver) {

    public TokenVerifierOptions {
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        positive(jwksCacheTtl, "jwksCacheTtl");
        positive(jwksRefreshAhead, "jwksRefreshAhead");
        positive(jwksOutageTolerance, "jwksOutageTolerance");
        positive(jwksMinRefreshInterval, "jwksMinRefreshInterval");
        requireNonNull(introspectionCacheTtl, "introspectionCacheTtl");
        if (introspectionCacheTtl.isNegative()) {
            throw new IllegalArgumentException("introspectionCacheTtl: " + introspectionCacheTtl + " (expected: >= 0)");
        }
        requireNonNull(clock, "clock");
        requireNonNull(secretResolver, "secretResolver");
        if (jwksMinRefreshInterval.compareTo(jwksCacheTtl) >= 0) {
            throw new IllegalArgumentException("jwksMinRefreshInterval: " + jwksMinRefreshInterval
                    + " (expected: < jwksCacheTtl " + jwksCacheTtl + ")");
        }
        if (jwksRefreshAhead.plus(refreshTimeout(connectTimeout, readTimeout)).compareTo(jwksCacheTtl) > 0) {
            throw new IllegalArgumentException("jwksRefreshAhead: " + jwksRefreshAhead
                    + " (expected: jwksRefreshAhead + connectTimeout + readTimeout <= jwksCacheTtl " + jwksCacheTtl
                    + ")");
        }
    }

    /**
     * Defaults: 2 s connect, 3 s read, keys cached 5 min and refreshed 30 s ahead, last good keys
     * used for up to 30 min of issuer outage, unknown-{@code kid} refresh at most every 30 s,
     * introspection answers reused for 30 s.
     */
    public static TokenVerifierOptions defaults() {
        return new TokenVerifierOptions(
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(30),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Clock.systemUTC(),
                new SecretResolver());
    }

    public TokenVerifierOptions withTimeouts(Duration connect, Duration read) {
        return new TokenVerifierOptions(
                connect,
                read,
                jwksCacheTtl,
                jwksRefreshAhead,
                jwksOutageTolerance,
                jwksMinRefreshInterval,
                introspectionCacheTtl,
                clock,
                secretResolver);
    }

    public TokenVerifierOptions withJwksCache(
            Duration ttl, Duration refreshAhead, Duration outageTolerance, Duration minRefreshInterval) {
        return new TokenVerifierOptions(
                connectTimeout,
                readTimeout,
                ttl,
                refreshAhead,
                outageTolerance,
                minRefreshInterval,
                introspectionCacheTtl,
                clock,
                secretResolver);
    }

    public TokenVerifierOptions withIntrospectionCacheTtl(Duration ttl) {
        return new TokenVerifierOptions(
                connectTimeout,
                readTimeout,
                jwksCacheTtl,
                jwksRefreshAhead,
                jwksOutageTolerance,
                jwksMinRefreshInterval,
                ttl,
                clock,
                secretResolver);
    }

    public TokenVerifierOptions withClock(Clock clock) {
        return new TokenVerifierOptions(
                connectTimeout,
                readTimeout,
                jwksCacheTtl,
                jwksRefreshAhead,
                jwksOutageTolerance,
                jwksMinRefreshInterval,
                introspectionCacheTtl,
                clock,
                secretResolver);
    }

    public TokenVerifierOptions withSecretResolver(SecretResolver secretResolver) {
        return new TokenVerifierOptions(
                connectTimeout,
                readTimeout,
                jwksCacheTtl,
                jwksRefreshAhead,
                jwksOutageTolerance,
                jwksMinRefreshInterval,
                introspectionCacheTtl,
                clock,
                secretResolver);
    }

    /** How long a blocking JWKS fetch may take before waiting callers give up. */
    Duration jwksRefreshTimeout() {
        return refreshTimeout(connectTimeout, readTimeout);
    }

    private static Duration refreshTimeout(Duration connect, Duration read) {
        return connect.plus(read);
    }

    private static void positive(Duration value, String name) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }
}
