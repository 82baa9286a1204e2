package io.gatehouse.dataplane.auth;

/**
 * Validates an access token presented to a route. Implementations check signature (against the
 * issuer's JWKS, with an explicit algorithm allowlist), exact issuer, audience, expiry and
 * not-before, or use RFC 7662 introspection for opaque tokens. Thread-safe; never blocks longer than
 * its configured timeouts.
 */
public interface TokenVerifier {

    /**
     * @param bearerToken the token from {@code Authorization: Bearer …}, without the scheme
     * @param audience the route's canonical resource URI (RFC 8707); the token's {@code aud} must
     *     contain it exactly
     * @return the caller
     * @throws AuthenticationException with the reason the token was refused
     */
    Principal verify(String bearerToken, String audience) throws AuthenticationException;
}
