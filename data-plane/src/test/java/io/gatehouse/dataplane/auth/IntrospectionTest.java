package io.gatehouse.dataplane.auth;

import static io.gatehouse.dataplane.auth.TokenVerifiersTest.AUDIENCE;
import static io.gatehouse.dataplane.auth.TokenVerifiersTest.claims;
import static io.gatehouse.dataplane.auth.TokenVerifiersTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.dataplane.auth.AuthenticationException.Reason;
import io.gatehouse.devstack.oidc.DevClient;
import io.gatehouse.devstack.oidc.DevOidcIssuer;
import io.gatehouse.devstack.oidc.DevOidcIssuer.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 7662 introspection of opaque tokens against the dev issuer's real introspection endpoint. */
class IntrospectionTest {

    static DevOidcIssuer idp;

    @BeforeAll
    static void start() {
        idp = DevOidcIssuer.start(0);
        idp.addClient(new DevClient("gatehouse-dp", "s3cret:&=", Set.of(), null));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    static CloseableTokenVerifier verifier(String secretRef, Duration cacheTtl) {
        IssuerSettings settings = new IssuerSettings(
                idp.issuer().toString(),
                null,
                null,
                Set.of(),
                null,
                null,
                null,
                null,
                new IssuerSettings.Introspection(idp.introspectionEndpoint(), "gatehouse-dp", secretRef));
        TokenVerifierOptions options = TokenVerifierOptions.defaults()
                .withIntrospectionCacheTtl(cacheTtl)
                .withSecretResolver(new SecretResolver(Map.of("DP_SECRET", "s3cret:&=", "WRONG", "nope")::get));
        return TokenVerifiers.create(List.of(settings), options);
    }

    @Test
    void activeOpaqueTokenYieldsThePrincipalAndIsCached() throws Exception {
        try (CloseableTokenVerifier verifier = verifier("env:DP_SECRET", Duration.ofSeconds(30))) {
            String token = idp.mintOpaque(claims("scope", "files:read", "client_id", "ide"));
            int before = idp.hits(Endpoint.INTROSPECTION);

            Principal principal = verifier.verify(token, AUDIENCE);
            verifier.verify(token, AUDIENCE);

            assertThat(principal.subject()).isEqualTo("alice");
            assertThat(principal.issuer()).isEqualTo(idp.issuer().toString());
            assertThat(principal.scopes()).containsExactly("files:read");
            assertThat(principal.clientId()).isEqualTo("ide");
            assertThat(idp.hits(Endpoint.INTROSPECTION) - before).isEqualTo(1);
            // the cached answer is still checked against each route's audience
            assertThat(refusal(verifier, token, "https://gw.example.com/mcp/other"))
                    .isEqualTo(Reason.WRONG_AUDIENCE);
        }
    }

    @Test
    void inactiveAndRevokedTokensAreRefused() throws Exception {
        try (CloseableTokenVerifier verifier = verifier("env:DP_SECRET", Duration.ZERO)) {
            assertThat(refusal(verifier, "not-a-token-the-issuer-knows", AUDIENCE))
                    .isEqualTo(Reason.INACTIVE_TOKEN);
            String token = idp.mintOpaque(claims());
            verifier.verify(token, AUDIENCE);
            idp.revoke(token);
            assertThat(refusal(verifier, token, AUDIENCE)).isEqualTo(Reason.INACTIVE_TOKEN);
            String expired = idp.mintOpaque(claims("exp", Instant.now().minusSeconds(5)));
            assertThat(refusal(verifier, expired, AUDIENCE)).isEqualTo(Reason.INACTIVE_TOKEN);
        }
    }

    @Test
    void jwtOfAnIntrospectionOnlyIssuerIsIntrospected() throws Exception {
        try (CloseableTokenVerifier verifier = verifier("env:DP_SECRET", Duration.ZERO)) {
            assertThat(verifier.verify(idp.mint(claims()), AUDIENCE).subject()).isEqualTo("alice");
            assertThat(refusal(verifier, idp.mint(claims("aud", "other")), AUDIENCE))
                    .isEqualTo(Reason.WRONG_AUDIENCE);
        }
    }

    @Test
    void unavailableEndpointOrRejectedClientFailsClosed() throws Exception {
        String token = idp.mintOpaque(claims());
        try (CloseableTokenVerifier wrongSecret = verifier("env:WRONG", Duration.ZERO)) {
            assertThat(refusal(wrongSecret, token, AUDIENCE)).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        }
        try (CloseableTokenVerifier missingSecret = verifier("env:UNSET", Duration.ZERO)) {
            assertThat(refusal(missingSecret, token, AUDIENCE)).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        }
        try (CloseableTokenVerifier verifier = verifier("env:DP_SECRET", Duration.ZERO)) {
            idp.setAvailable(false);
            assertThat(refusal(verifier, token, AUDIENCE)).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        } finally {
            idp.setAvailable(true);
        }
    }
}
