package io.gatehouse.dataplane.auth;

import static io.gatehouse.dataplane.auth.TokenVerifiersTest.AUDIENCE;
import static io.gatehouse.dataplane.auth.TokenVerifiersTest.claims;
import static io.gatehouse.dataplane.auth.TokenVerifiersTest.jwksSettings;
import static io.gatehouse.dataplane.auth.TokenVerifiersTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.dataplane.auth.AuthenticationException.Reason;
import io.gatehouse.devstack.oidc.DevOidcIssuer;
import io.gatehouse.devstack.oidc.DevOidcIssuer.Endpoint;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JWKS caching, outage tolerance, rotation and unknown-kid rate limiting against a real issuer. */
class JwksCachingTest {

    /** 800 ms cache, 200 ms refresh-ahead, 2 s outage tolerance, 100 ms min refresh interval. */
    static TokenVerifierOptions fastOptions() {
        return TokenVerifierOptions.defaults()
                .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(300))
                .withJwksCache(
                        Duration.ofMillis(800), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(100));
    }

    @Test
    void cachedKeysKeepWorkingDuringABoundedOutage() throws Exception {
        try (DevOidcIssuer idp = DevOidcIssuer.start(0);
                CloseableTokenVerifier verifier = TokenVerifiers.create(List.of(jwksSettings(idp)), fastOptions())) {
            String token = idp.mint(claims());
            verifier.verify(token, AUDIENCE);

            idp.setAvailable(false);
            Thread.sleep(1_200); // past the cache TTL, within the outage tolerance
            assertThat(verifier.verify(token, AUDIENCE).subject()).isEqualTo("alice");
            assertThat(idp.hits(Endpoint.JWKS)).isGreaterThan(1); // it did try to refresh

            Thread.sleep(2_500); // past the outage tolerance: fail closed
            assertThat(refusal(verifier, token, AUDIENCE)).isEqualTo(Reason.ISSUER_UNAVAILABLE);

            idp.setAvailable(true);
            assertThat(verifier.verify(token, AUDIENCE).subject()).isEqualTo("alice");
        }
    }

    @Test
    void issuerDownWithoutCachedKeysFailsClosed() throws Exception {
        try (DevOidcIssuer idp = DevOidcIssuer.start(0)) {
            String token = idp.mint(claims());
            idp.setAvailable(false);
            try (CloseableTokenVerifier verifier = TokenVerifiers.create(List.of(jwksSettings(idp)), fastOptions())) {
                assertThat(refusal(verifier, token, AUDIENCE)).isEqualTo(Reason.ISSUER_UNAVAILABLE);
            }
        }
    }

    @Test
    void unreachableIssuerFailsClosedWithinTheTimeouts() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (DevOidcIssuer idp = DevOidcIssuer.start(0)) {
            IssuerSettings settings = new IssuerSettings(
                    idp.issuer().toString(),
                    URI.create("http://127.0.0.1:" + closedPort + "/jwks"),
                    null,
                    Set.of("ES256"),
                    null,
                    null,
                    null,
                    null,
                    null);
            try (CloseableTokenVerifier verifier = TokenVerifiers.create(List.of(settings), fastOptions())) {
                long start = System.nanoTime();
                assertThat(refusal(verifier, idp.mint(claims()), AUDIENCE)).isEqualTo(Reason.ISSUER_UNAVAILABLE);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            }
        }
    }

    @Test
    void rotatedKeysArePickedUpThroughAnUnknownKidRefresh() throws Exception {
        try (DevOidcIssuer idp = DevOidcIssuer.start(0);
                CloseableTokenVerifier verifier =
                        TokenVerifiers.create(List.of(jwksSettings(idp)), TokenVerifierOptions.defaults())) {
            String before = idp.mint(claims());
            verifier.verify(before, AUDIENCE);
            int fetches = idp.hits(Endpoint.JWKS);

            idp.rotateKeys(false);
            Thread.sleep(50);
            String after = idp.mint(claims());
            assertThat(verifier.verify(after, AUDIENCE).subject()).isEqualTo("alice");
            assertThat(idp.hits(Endpoint.JWKS)).isEqualTo(fetches + 1);
            assertThat(refusal(verifier, before, AUDIENCE)).isEqualTo(Reason.UNKNOWN_KEY);
        }
    }

    @Test
    void unknownKidFloodIsRateLimited() throws Exception {
        try (DevOidcIssuer idp = DevOidcIssuer.start(0);
                CloseableTokenVerifier verifier =
                        TokenVerifiers.create(List.of(jwksSettings(idp)), TokenVerifierOptions.defaults())) {
            verifier.verify(idp.mint(claims()), AUDIENCE);
            int fetches = idp.hits(Endpoint.JWKS);
            ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();
            for (int i = 0; i < 25; i++) {
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.ES256)
                                .keyID("kid-" + i)
                                .build(),
                        new JWTClaimsSet.Builder()
                                .issuer(idp.issuer().toString())
                                .subject("mallory")
                                .audience(AUDIENCE)
                                .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                                .build());
                jwt.sign(new ECDSASigner(attacker));
                assertThat(refusal(verifier, jwt.serialize(), AUDIENCE)).isEqualTo(Reason.UNKNOWN_KEY);
            }
            assertThat(idp.hits(Endpoint.JWKS) - fetches).isLessThanOrEqualTo(2);
            // legitimate tokens still verify from the cache
            verifier.verify(idp.mint(claims()), AUDIENCE);
        }
    }
}
