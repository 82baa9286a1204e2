package io.gatehouse.devstack.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.devstack.oidc.DevOidcIssuer.Endpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevOidcIssuerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static DevOidcIssuer issuer;
    static HttpClient http;

    @BeforeAll
    static void start() {
        issuer = DevOidcIssuer.start(0);
        issuer.addClient(new DevClient("svc", "svc-secret", Set.of("a", "b"), "https://gw/mcp/demo"));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        http.close();
        issuer.close();
    }

    static HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(URI uri, String basic, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basic != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void discoveryDocumentAndJwks() throws Exception {
        JsonNode metadata = JSON.readTree(get(issuer.discoveryUri()).body());
        assertThat(metadata.get("issuer").asText()).isEqualTo(issuer.issuer().toString());
        assertThat(metadata.get("jwks_uri").asText()).isEqualTo(issuer.jwksUri().toString());
        assertThat(metadata.get("token_endpoint").asText())
                .isEqualTo(issuer.tokenEndpoint().toString());
        assertThat(metadata.get("introspection_endpoint").asText())
                .isEqualTo(issuer.introspectionEndpoint().toString());

        JWKSet jwks = JWKSet.parse(get(issuer.jwksUri()).body());
        assertThat(jwks.getKeys()).hasSize(2).noneMatch(k -> k.isPrivate());
        String token = issuer.mint(Map.of("sub", "alice"));
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.verify(new ECDSAVerifier(
                        (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID()))))
                .isTrue();
        SignedJWT rs = SignedJWT.parse(issuer.mint(JWSAlgorithm.RS256, Map.of("sub", "bob")));
        assertThat(rs.verify(new RSASSAVerifier(
                        (RSAKey) jwks.getKeyByKeyId(rs.getHeader().getKeyID()))))
                .isTrue();
    }

    @Test
    void mintAppliesDefaultsAndOverrides() throws Exception {
        Instant exp = Instant.now().plusSeconds(42);
        var claims = SignedJWT.parse(issuer.mint(Map.of("sub", "alice", "exp", exp, "scope", "x y")))
                .getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer.issuer().toString());
        assertThat(claims.getExpirationTime().toInstant().getEpochSecond()).isEqualTo(exp.getEpochSecond());
        assertThat(claims.getStringClaim("scope")).isEqualTo("x y");
        assertThat(claims.getJWTID()).isNotBlank();
        var noExp = SignedJWT.parse(issuer.mint(new java.util.HashMap<>(Map.of("sub", "a")) {
                    {
                        put("exp", null);
                    }
                }))
                .getJWTClaimsSet();
        assertThat(noExp.getExpirationTime()).isNull();
    }

    @Test
    void clientCredentialsGrant() throws Exception {
        HttpResponse<String> response =
                post(issuer.tokenEndpoint(), "svc:svc-secret", "grant_type=client_credentials&scope=a");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(600);
        var claims = SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("svc");
        assertThat(claims.getAudience()).containsExactly("https://gw/mcp/demo");
        assertThat(claims.getStringClaim("scope")).isEqualTo("a");

        HttpResponse<String> post = post(
                issuer.tokenEndpoint(),
                null,
                "grant_type=client_credentials&client_id=svc&client_secret=svc-secret&resource=https%3A%2F%2Fx");
        assertThat(SignedJWT.parse(
                                JSON.readTree(post.body()).get("access_token").asText())
                        .getJWTClaimsSet()
                        .getAudience())
                .containsExactly("https://x");

        assertThat(post(issuer.tokenEndpoint(), "svc:wrong", "grant_type=client_credentials")
                        .statusCode())
                .isEqualTo(401);
        assertThat(post(issuer.tokenEndpoint(), "svc:svc-secret", "grant_type=client_credentials&scope=admin")
                        .body())
                .contains("invalid_scope");
        assertThat(post(issuer.tokenEndpoint(), "svc:svc-secret", "grant_type=password")
                        .body())
                .contains("unsupported_grant_type");
    }

    @Test
    void tokenExchangeAndIntrospection() throws Exception {
        String subject = issuer.mint(Map.of("sub", "alice", "aud", "https://gw/mcp/demo"));
        HttpResponse<String> exchanged = post(
                issuer.tokenEndpoint(),
                "svc:svc-secret",
                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=" + subject
                        + "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"
                        + "&audience=https%3A%2F%2Fupstream");
        assertThat(exchanged.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(exchanged.body());
        assertThat(body.get("issued_token_type").asText()).isEqualTo(DevOidcIssuer.ACCESS_TOKEN_TYPE);
        var claims = SignedJWT.parse(body.get("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly("https://upstream");

        JsonNode active = JSON.readTree(post(issuer.introspectionEndpoint(), "svc:svc-secret", "token=" + subject)
                .body());
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("sub").asText()).isEqualTo("alice");
        JsonNode inactive = JSON.readTree(post(issuer.introspectionEndpoint(), "svc:svc-secret", "token=garbage")
                .body());
        assertThat(inactive.get("active").asBoolean()).isFalse();
        assertThat(post(issuer.introspectionEndpoint(), null, "token=" + subject)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void rotationOutageAndHitCounting() throws Exception {
        try (DevOidcIssuer own = DevOidcIssuer.start(0)) {
            String oldKid =
                    SignedJWT.parse(own.mint(Map.of("sub", "a"))).getHeader().getKeyID();
            own.rotateKeys(true);
            assertThat(JWKSet.parse(get(own.jwksUri()).body()).getKeys()).hasSize(4);
            own.rotateKeys(false);
            JWKSet after = JWKSet.parse(get(own.jwksUri()).body());
            assertThat(after.getKeys()).hasSize(2);
            assertThat(after.getKeyByKeyId(oldKid)).isNull();

            own.setAvailable(false);
            assertThat(get(own.jwksUri()).statusCode()).isEqualTo(503);
            own.setAvailable(true);
            assertThat(own.hits(Endpoint.JWKS)).isEqualTo(3);
        }
    }
}
