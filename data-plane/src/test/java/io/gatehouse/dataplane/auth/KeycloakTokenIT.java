package io.gatehouse.dataplane.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.dataplane.auth.AuthenticationException.Reason;
import io.gatehouse.dataplane.upstream.UpstreamAuthSettings;
import io.gatehouse.dataplane.upstream.UpstreamCredential;
import io.gatehouse.dataplane.upstream.UpstreamCredentialOptions;
import io.gatehouse.dataplane.upstream.UpstreamCredentials;
import io.gatehouse.devstack.oidc.KeycloakRealm;
import io.gatehouse.devstack.oidc.KeycloakServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Token validation and upstream credentials against a real Keycloak (started once for this JVM). */
class KeycloakTokenIT {

    static final String FILES = "https://gw.example.com/mcp/files";
    static final String OTHER = "https://gw.example.com/mcp/other";

    static KeycloakServer keycloak;
    static KeycloakRealm realm;
    static CloseableTokenVerifier verifier;

    @BeforeAll
    static void start() {
        keycloak = KeycloakServer.start(Duration.ofMinutes(4));
        realm = keycloak.createRealm("gatehouse")
                .createClientScope("files:read")
                .createClientScope("files:write")
                .createClient("ide", "ide-secret", FILES, Set.of("files:read", "files:write"))
                .createClient("other-app", "other-secret", OTHER, Set.of("files:read"));
        IssuerSettings issuer = new IssuerSettings(
                realm.issuer(), null, realm.discoveryUri(), Set.of("RS256"), null, "azp", null, null, null);
        verifier = TokenVerifiers.create(List.of(issuer));
    }

    @AfterAll
    static void stop() {
        if (verifier != null) {
            verifier.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void clientCredentialsTokenVerifiesThroughDiscovery() throws Exception {
        String token = realm.token("ide", "ide-secret", Set.of("files:read"));

        Principal principal = verifier.verify(token, FILES);

        assertThat(principal.issuer()).isEqualTo(realm.issuer());
        assertThat(principal.subject()).isEqualTo("ide"); // subject claim mapped to azp
        assertThat(principal.clientId()).isEqualTo("ide");
        assertThat(principal.scopes()).contains("files:read").doesNotContain("files:write");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).contains(FILES);
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        String token = realm.token("other-app", "other-secret", Set.of("files:read"));
        try {
            verifier.verify(token, FILES);
            throw new AssertionError("a token for " + OTHER + " was accepted for " + FILES);
        } catch (AuthenticationException e) {
            assertThat(e.reason()).isEqualTo(Reason.WRONG_AUDIENCE);
        }
    }

    @Test
    void upstreamClientCredentialsFetchesARealKeycloakToken() throws Exception {
        UpstreamCredentialOptions options = UpstreamCredentialOptions.defaults()
                .withSecretResolver(new SecretResolver(Map.of("IDE_SECRET", "ide-secret")::get));
        try (UpstreamCredentials factory = new UpstreamCredentials(options)) {
            UpstreamCredential credential = factory.create(new UpstreamAuthSettings.ClientCredentials(
                    realm.tokenEndpoint(), "ide", "env:IDE_SECRET", Set.of("files:write"), null, null));

            Map<String, String> headers = credential.headers(null, "caller-token");

            String token = headers.get("Authorization").substring("Bearer ".length());
            Principal asSeenUpstream = verifier.verify(token, FILES);
            assertThat(asSeenUpstream.scopes()).contains("files:write");
            assertThat(credential.headers(null, "caller-token")).isEqualTo(headers);
        }
    }
}
