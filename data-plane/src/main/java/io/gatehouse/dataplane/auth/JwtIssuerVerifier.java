package io.gatehouse.dataplane.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.dataplane.auth.AuthenticationException.Reason;
import java.io.Closeable;
import java.io.IOException;
import java.security.Key;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies signed JWTs of one issuer: algorithm allowlist (asymmetric only), {@code typ}, a key
 * chosen from the issuer's JWKS by {@code kid} and algorithm (header {@code jku}, {@code x5u},
 * {@code jwk} and {@code x5c} are never used as keys), the signature, then exact {@code iss},
 * {@code aud}, required {@code exp} and {@code nbf} with the issuer's clock skew.
 */
final class JwtIssuerVerifier implements AutoCloseable {

    /** The asymmetric algorithms Gatehouse accepts at all; HMAC and {@code none} never are. */
    static final Set<JWSAlgorithm> SUPPORTED_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private static final Set<String> ACCEPTED_TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");

    private final IssuerSettings settings;
    private final Set<JWSAlgorithm> algorithms;
    private final JWKSource<SecurityContext> jwkSource;
    private final JWSVerificationKeySelector<SecurityContext> keySelector;
    private final DefaultJWSVerifierFactory verifierFactory = new DefaultJWSVerifierFactory();
    private final java.time.Clock clock;

    JwtIssuerVerifier(IssuerSettings settings, JWKSource<SecurityContext> jwkSource, java.time.Clock clock) {
        this.settings = settings;
        this.algorithms = allowedAlgorithms(settings);
        this.jwkSource = jwkSource;
        this.keySelector = new JWSVerificationKeySelector<>(algorithms, jwkSource);
        this.clock = clock;
    }

    static Set<JWSAlgorithm> allowedAlgorithms(IssuerSettings settings) {
        if (settings.algorithms().isEmpty()) {
            throw new IllegalArgumentException("issuer " + settings.issuer() + ": algorithms is empty (expected: "
                    + "some of " + names(SUPPORTED_ALGORITHMS) + ")");
        }
        Set<JWSAlgorithm> allowed = new LinkedHashSet<>();
        for (String name : settings.algorithms().stream().sorted().toList()) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
            if (!SUPPORTED_ALGORITHMS.contains(algorithm)) {
                throw new IllegalArgumentException("issuer " + settings.issuer() + ": algorithm " + name
                        + " is not allowed (expected: some of " + names(SUPPORTED_ALGORITHMS) + ")");
            }
            allowed.add(algorithm);
        }
        return Set.copyOf(allowed);
    }

    Principal verify(SignedJWT jwt, String audience) throws AuthenticationException {
        JWSHeader header = jwt.getHeader();
        if (!algorithms.contains(header.getAlgorithm())) {
            throw new AuthenticationException(
                    Reason.ALGORITHM_NOT_ALLOWED,
                    "token algorithm " + safe(header.getAlgorithm().getName()) + " is not allowed");
        }
        JOSEObjectType type = header.getType();
        if (type != null && !ACCEPTED_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN, "token type is not an access token");
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw new AuthenticationException(
                    Reason.MALFORMED_TOKEN, "token has unsupported critical header parameters");
        }
        verifySignature(jwt, header);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN, "token claims are not valid JSON");
        }
        checkClaims(claims, audience);
        return PrincipalMapper.toPrincipal(settings, claims.toJSONObject());
    }

    private void verifySignature(SignedJWT jwt, JWSHeader header) throws AuthenticationException {
        List<Key> keys;
        try {
            keys = keySelector.selectJWSKeys(header, null);
        } catch (RateLimitReachedException e) {
            throw new AuthenticationException(Reason.UNKNOWN_KEY, "token signing key is not known to the issuer");
        } catch (KeySourceException e) {
            throw new AuthenticationException(Reason.ISSUER_UNAVAILABLE, "issuer signing keys are unavailable", e);
        }
        if (keys.isEmpty()) {
            throw new AuthenticationException(Reason.UNKNOWN_KEY, "token signing key is not known to the issuer");
        }
        for (Key key : keys) {
            try {
                JWSVerifier verifier = verifierFactory.createJWSVerifier(header, key);
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException | IllegalStateException e) {
                // wrong key type for this algorithm or unusable key: try the next candidate
            }
        }
        throw new AuthenticationException(Reason.BAD_SIGNATURE, "token signature is invalid");
    }

    private void checkClaims(JWTClaimsSet claims, String audience) throws AuthenticationException {
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw new AuthenticationException(Reason.UNTRUSTED_ISSUER, "token issuer is not trusted");
        }
        TimeChecks.check(
                toInstant(claims.getExpirationTime()),
                toInstant(claims.getNotBeforeTime()),
                clock.instant(),
                settings.clockSkew());
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            throw new AuthenticationException(Reason.WRONG_AUDIENCE, "token was not issued for this resource");
        }
    }

    private static Instant toInstant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String names(Set<JWSAlgorithm> algorithms) {
        return algorithms.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", "));
    }

    /** Header values are attacker-controlled: keep what is echoed short and printable. */
    static String safe(String value) {
        String printable = value.replaceAll("[^A-Za-z0-9+._-]", "?");
        return printable.length() > 16 ? printable.substring(0, 16) : printable;
    }

    @Override
    public void close() {
        if (jwkSource instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                // nothing to release beyond background refresh threads
            }
        }
    }
}
