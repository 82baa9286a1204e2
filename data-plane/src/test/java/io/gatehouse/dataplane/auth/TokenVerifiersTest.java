package io.gatehouse.dataplane.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.dataplane.auth.AuthenticationException.Reason;
import io.gatehouse.devstack.oidc.DevOidcIssuer;
import io.gatehouse.devstack.oidc.DevOidcIssuer.Endpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenVerifiersTest {

    static final String AUDIENCE = "https://gw.example.com/mcp/files";

    static DevOidcIssuer idp;
    static DevOidcIssuer otherIdp;
    static CloseableTokenVerifier verifier;

    @BeforeAll
    static void start() {
        idp = DevOidcIssuer.start(0);
        otherIdp = DevOidcIssuer.start(0);
        verifier = TokenVerifiers.create(List.of(jwksSettings(idp)));
    }

    @AfterAll
    static void stop() {
        verifier.close();
        idp.close();
        otherIdp.close();
    }

    static IssuerSettings jwksSettings(DevOidcIssuer issuer) {
        return new IssuerSettings(
                issuer.issuer().toString(),
                issuer.jwksUri(),
                null,
                Set.of("ES256", "RS256"),
                Duration.ofSeconds(30),
                null,
                null,
                null,
                null);
    }

    static Map<String, Object> claims(Object... pairs) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "alice");
        claims.put("aud", AUDIENCE);
        for (int i = 0; i < pairs.length; i += 2) {
            claims.put((String) pairs[i], pairs[i + 1]);
        }
        return claims;
    }

    static Reason refusal(String token) {
        return refusal(verifier, token, AUDIENCE);
    }

    static Reason refusal(TokenVerifier v, String token, String audience) {
        try {
            v.verify(token, audience);
        } catch (AuthenticationException e) {
            if (token != null && token.length() > 10) {
                assertThat(e.getMessage()).doesNotContain(token);
            }
            return e.reason();
        }
        throw new AssertionError("token was accepted");
    }

    @Test
    void validEs256TokenYieldsThePrincipal() throws Exception {
        String token = idp.mint(
                claims("scope", "files:read files:write", "client_id", "ide", "groups", List.of("eng", "admins")));

        Principal principal = verifier.verify(token, AUDIENCE);

        assertThat(principal.subject()).isEqualTo("alice");
        assertThat(principal.issuer()).isEqualTo(idp.issuer().toString());
        assertThat(principal.clientId()).isEqualTo("ide");
        assertThat(principal.scopes()).containsExactlyInAnyOrder("files:read", "files:write");
        assertThat(principal.groups()).containsExactly("eng", "admins");
        assertThat(principal.claims()).containsEntry("sub", "alice").containsKey("exp");
    }

    @Test
    void rs256TokenWithScpListAndAzp() throws Exception {
        String token = idp.mint(JWSAlgorithm.RS256, claims("scp", List.of("a", "b"), "azp", "agent"));

        Principal principal = verifier.verify(token, AUDIENCE);

        assertThat(principal.scopes()).containsExactlyInAnyOrder("a", "b");
        assertThat(principal.clientId()).isEqualTo("agent");
        assertThat(principal.groups()).isEmpty();
    }

    @Test
    void scpAsStringAndAudienceListAndConfiguredClaims() throws Exception {
        IssuerSettings settings = new IssuerSettings(
                idp.issuer().toString(),
                idp.jwksUri(),
                null,
                Set.of("ES256"),
                null,
                "email",
                "realm_access.roles",
                "scp",
                null);
        try (CloseableTokenVerifier custom = TokenVerifiers.create(List.of(settings))) {
            String token = idp.mint(claims(
                    "email",
                    "alice@example.com",
                    "scp",
                    "x y",
                    "aud",
                    List.of("other", AUDIENCE),
                    "realm_access",
                    Map.of("roles", List.of("ops"))));

            Principal principal = custom.verify(token, AUDIENCE);

            assertThat(principal.subject()).isEqualTo("alice@example.com");
            assertThat(principal.scopes()).containsExactlyInAnyOrder("x", "y");
            assertThat(principal.groups()).containsExactly("ops");
        }
    }

    @Test
    void missingAndMalformedTokens() {
        assertThat(refusal(null)).isEqualTo(Reason.MISSING_TOKEN);
        assertThat(refusal(" ")).isEqualTo(Reason.MISSING_TOKEN);
        assertThat(refusal("abc.def.ghi")).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(refusal("opaque-token-without-introspection")).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(refusal("x".repeat(20_000))).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void expiryAndNotBeforeHonourTheClockSkew() throws Exception {
        Instant now = Instant.now();
        assertThat(refusal(idp.mint(claims("exp", now.minusSeconds(120))))).isEqualTo(Reason.EXPIRED);
        assertThat(refusal(idp.mint(claims("nbf", now.plusSeconds(120))))).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(refusal(idp.mint(claims("exp", null)))).isEqualTo(Reason.MALFORMED_TOKEN);
        // within the 30 s skew
        verifier.verify(idp.mint(claims("exp", now.minusSeconds(10))), AUDIENCE);
        verifier.verify(idp.mint(claims("nbf", now.plusSeconds(10))), AUDIENCE);
    }

    @Test
    void audienceMustContainTheRouteResourceExactly() {
        assertThat(refusal(idp.mint(claims("aud", "https://gw.example.com/mcp/other"))))
                .isEqualTo(Reason.WRONG_AUDIENCE);
        assertThat(refusal(idp.mint(claims("aud", AUDIENCE + "/")))).isEqualTo(Reason.WRONG_AUDIENCE);
        assertThat(refusal(idp.mint(claims("aud", null)))).isEqualTo(Reason.WRONG_AUDIENCE);
    }

    @Test
    void issuerMustBeTrustedAndExact() {
        assertThat(refusal(otherIdp.mint(claims()))).isEqualTo(Reason.UNTRUSTED_ISSUER);
        assertThat(refusal(idp.mint(claims("iss", idp.issuer() + "/")))).isEqualTo(Reason.UNTRUSTED_ISSUER);
        assertThat(refusal(idp.mint(claims("iss", null)))).isEqualTo(Reason.MALFORMED_TOKEN);
        // claims the trusted issuer but is signed by another issuer's key
        assertThat(refusal(otherIdp.mint(claims("iss", idp.issuer().toString()))))
                .isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void subjectIsRequired() {
        assertThat(refusal(idp.mint(claims("sub", null)))).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void unsignedTokensAreRefused() {
        String none = new PlainJWT(new PlainHeader(), trustedClaims()).serialize();
        assertThat(refusal(none)).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        byte[] publicKey = idp.currentPublicKey(JWSAlgorithm.RS256)
                .toRSAKey()
                .toPublicKey()
                .getEncoded();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(idp.currentPublicKey(JWSAlgorithm.RS256).getKeyID())
                        .build(),
                trustedClaims());
        forged.sign(new MACSigner(publicKey));
        assertThat(refusal(forged.serialize())).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);

        byte[] jwksBytes =
                new JWKSet(idp.currentPublicKey(JWSAlgorithm.ES256)).toString().getBytes(StandardCharsets.UTF_8);
        SignedJWT forgedWithJwks = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), trustedClaims());
        forgedWithJwks.sign(new MACSigner(jwksBytes));
        assertThat(refusal(forgedWithJwks.serialize())).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void hmacCannotEvenBeConfigured() {
        IssuerSettings hmac = new IssuerSettings(
                idp.issuer().toString(), idp.jwksUri(), null, Set.of("HS256"), null, null, null, null, null);
        assertThatThrownBy(() -> TokenVerifiers.create(List.of(hmac)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("algorithm HS256 is not allowed");
        IssuerSettings none = new IssuerSettings(
                idp.issuer().toString(), idp.jwksUri(), null, Set.of("none"), null, null, null, null, null);
        assertThatThrownBy(() -> TokenVerifiers.create(List.of(none))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void algorithmOutsideTheIssuersAllowlistIsRefused() throws Exception {
        IssuerSettings esOnly = new IssuerSettings(
                idp.issuer().toString(), idp.jwksUri(), null, Set.of("ES256"), null, null, null, null, null);
        try (CloseableTokenVerifier v = TokenVerifiers.create(List.of(esOnly))) {
            assertThat(refusal(v, idp.mint(JWSAlgorithm.RS256, claims()), AUDIENCE))
                    .isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
            v.verify(idp.mint(claims()), AUDIENCE);
        }
    }

    @Test
    void unknownKidAndBadSignatureAreRefused() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("attacker").generate();
        assertThat(refusal(sign(attacker, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("attacker"))))
                .isEqualTo(Reason.UNKNOWN_KEY);

        String legitKid = idp.currentPublicKey(JWSAlgorithm.ES256).getKeyID();
        assertThat(refusal(sign(attacker, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(legitKid))))
                .isEqualTo(Reason.BAD_SIGNATURE);

        String valid = idp.mint(claims());
        String tampered = valid.substring(0, valid.lastIndexOf('.') + 1)
                + new StringBuilder(valid.substring(valid.lastIndexOf('.') + 1)).reverse();
        assertThat(refusal(tampered)).isIn(Reason.BAD_SIGNATURE, Reason.MALFORMED_TOKEN);
    }

    @Test
    void headerKeysAndKeyUrlsAreNeverTrusted() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("evil").generate();
        AtomicInteger attackerHits = new AtomicInteger();
        HttpServer evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        evil.createContext("/", exchange -> {
            attackerHits.incrementAndGet();
            byte[] body = new JWKSet(attacker.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        evil.start();
        try {
            URI evilJwks = URI.create("http://127.0.0.1:" + evil.getAddress().getPort() + "/jwks");
            String legitKid = idp.currentPublicKey(JWSAlgorithm.ES256).getKeyID();
            assertThat(refusal(sign(
                            attacker,
                            new JWSHeader.Builder(JWSAlgorithm.ES256)
                                    .keyID("evil")
                                    .jwkURL(evilJwks))))
                    .isEqualTo(Reason.UNKNOWN_KEY);
            assertThat(refusal(sign(
                            attacker,
                            new JWSHeader.Builder(JWSAlgorithm.ES256)
                                    .keyID("evil")
                                    .jwk(attacker.toPublicJWK()))))
                    .isEqualTo(Reason.UNKNOWN_KEY);
            assertThat(refusal(sign(
                            attacker,
                            new JWSHeader.Builder(JWSAlgorithm.ES256)
                                    .keyID(legitKid)
                                    .jwk(attacker.toPublicJWK()))))
                    .isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(refusal(sign(attacker, new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(attacker.toPublicJWK()))))
                    .isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(attackerHits.get()).isZero();
        } finally {
            evil.stop(0);
        }
    }

    @Test
    void unexpectedTypIsRefused() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).generate();
        assertThat(refusal(sign(
                        attacker,
                        new JWSHeader.Builder(JWSAlgorithm.ES256)
                                .keyID(idp.currentPublicKey(JWSAlgorithm.ES256).getKeyID())
                                .type(new JOSEObjectType("logout+jwt")))))
                .isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void keysComeFromTheDiscoveryDocument() throws Exception {
        IssuerSettings settings = new IssuerSettings(
                idp.issuer().toString(), null, idp.discoveryUri(), Set.of("ES256"), null, null, null, null, null);
        int before = idp.hits(Endpoint.DISCOVERY);
        try (CloseableTokenVerifier v = TokenVerifiers.create(List.of(settings))) {
            for (int i = 0; i < 3; i++) {
                assertThat(v.verify(idp.mint(claims()), AUDIENCE).subject()).isEqualTo("alice");
            }
        }
        assertThat(idp.hits(Endpoint.DISCOVERY) - before).isEqualTo(1);
    }

    @Test
    void discoveryDocumentOfAnotherIssuerIsNotUsed() {
        IssuerSettings settings = new IssuerSettings(
                idp.issuer().toString(), null, otherIdp.discoveryUri(), Set.of("ES256"), null, null, null, null, null);
        try (CloseableTokenVerifier v = TokenVerifiers.create(List.of(settings))) {
            assertThat(refusal(v, idp.mint(claims()), AUDIENCE)).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        }
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> TokenVerifiers.create(List.of())).hasMessageContaining("issuers is empty");
        assertThatThrownBy(() -> TokenVerifiers.create(List.of(jwksSettings(idp), jwksSettings(idp))))
                .hasMessageContaining("listed twice");
        IssuerSettings file = new IssuerSettings(
                "https://x", URI.create("file:///etc/passwd"), null, Set.of("ES256"), null, null, null, null, null);
        assertThatThrownBy(() -> TokenVerifiers.create(List.of(file))).hasMessageContaining("absolute http(s) URI");
    }

    private static JWTClaimsSet trustedClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(idp.issuer().toString())
                .subject("mallory")
                .audience(AUDIENCE)
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
    }

    private static String sign(ECKey key, JWSHeader.Builder header) throws Exception {
        SignedJWT jwt = new SignedJWT(header.build(), trustedClaims());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
