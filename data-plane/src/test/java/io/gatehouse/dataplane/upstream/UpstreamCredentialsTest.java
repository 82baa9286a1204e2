package io.gatehouse.dataplane.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.dataplane.auth.Principal;
import io.gatehouse.dataplane.auth.SecretResolver;
import io.gatehouse.devstack.oidc.DevClient;
import io.gatehouse.devstack.oidc.DevOidcIssuer;
import io.gatehouse.devstack.oidc.DevOidcIssuer.Endpoint;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Upstream credentials against the dev issuer's real token endpoint. */
class UpstreamCredentialsTest {

    static final String UPSTREAM = "https://files.internal.example/mcp";
    static final Principal ALICE = new Principal("alice", "https://idp", "ide", Set.of(), List.of(), Map.of());
    static final SecretResolver SECRETS = new SecretResolver(
            Map.of("DP_SECRET", "dp-secret", "API_KEY", "k-123", "BAD", "line\nbreak", "WRONG", "nope")::get);

    static DevOidcIssuer idp;

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeAll
    static void start() {
        idp = DevOidcIssuer.start(0);
        idp.addClient(new DevClient("gatehouse-dp", "dp-secret", Set.of("files:read", "files:write"), null));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    static UpstreamCredentialOptions options(Clock clock) {
        return UpstreamCredentialOptions.defaults().withClock(clock).withSecretResolver(SECRETS);
    }

    static UpstreamAuthSettings.ClientCredentials clientCredentials(String secretRef) {
        return new UpstreamAuthSettings.ClientCredentials(
                idp.tokenEndpoint(), "gatehouse-dp", secretRef, Set.of("files:read"), null, UPSTREAM);
    }

    static JWTClaimsSet claimsOf(Map<String, String> headers) throws Exception {
        String authorization = headers.get("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        return SignedJWT.parse(authorization.substring(7)).getJWTClaimsSet();
    }

    @Test
    void noneAndStaticHeaders() throws Exception {
        try (UpstreamCredentials factory = new UpstreamCredentials(options(Clock.systemUTC()))) {
            assertThat(factory.create(new UpstreamAuthSettings.None()).headers(ALICE, "caller"))
                    .isEmpty();
            assertThat(factory.create(new UpstreamAuthSettings.StaticHeader("Authorization", "env:API_KEY", "Bearer "))
                            .headers(ALICE, "caller"))
                    .containsExactly(Map.entry("Authorization", "Bearer k-123"));
            UpstreamCredential apiKey =
                    factory.create(new UpstreamAuthSettings.StaticHeader("X-API-Key", "env:API_KEY", null));
            assertThat(apiKey.headers(ALICE, "caller")).containsExactly(Map.entry("X-API-Key", "k-123"));
            assertThat(apiKey.toString()).doesNotContain("k-123");

            assertThatThrownBy(() -> factory.create(new UpstreamAuthSettings.StaticHeader("X-Key", "env:MISSING", null))
                            .headers(ALICE, "caller"))
                    .isInstanceOf(UpstreamCredentialException.class)
                    .hasMessageContaining("env:MISSING");
            assertThatThrownBy(() -> factory.create(new UpstreamAuthSettings.StaticHeader("X-Key", "env:BAD", null))
                            .headers(ALICE, "caller"))
                    .isInstanceOf(UpstreamCredentialException.class)
                    .hasMessageContaining("control characters")
                    .hasMessageNotContaining("line");
        }
        assertThatThrownBy(() -> new UpstreamAuthSettings.StaticHeader("Bad Header", "env:X", null))
                .hasMessageContaining("HTTP header name");
        assertThatThrownBy(() -> new UpstreamAuthSettings.StaticHeader("Host", "env:X", null))
                .hasMessageContaining("not a framing");
        assertThatThrownBy(() -> new UpstreamAuthSettings.StaticHeader("X-Key", "k-123", null))
                .hasMessageContaining("malformed");
    }

    @Test
    void clientCredentialsTokenIsCachedAndRefreshedBeforeExpiry() throws Exception {
        TestClock clock = new TestClock();
        try (UpstreamCredentials factory = new UpstreamCredentials(options(clock))) {
            UpstreamCredential credential = factory.create(clientCredentials("env:DP_SECRET"));
            int before = idp.hits(Endpoint.TOKEN);

            Map<String, String> first = credential.headers(ALICE, "caller-token");
            Map<String, String> second = credential.headers(ALICE, "caller-token");

            assertThat(second).isEqualTo(first);
            assertThat(idp.hits(Endpoint.TOKEN) - before).isEqualTo(1);
            JWTClaimsSet claims = claimsOf(first);
            assertThat(claims.getSubject()).isEqualTo("gatehouse-dp");
            assertThat(claims.getAudience()).containsExactly(UPSTREAM);
            assertThat(claims.getStringClaim("scope")).isEqualTo("files:read");
            assertThat(first.get("Authorization")).doesNotContain("caller-token");

            clock.now = clock.now.plus(Duration.ofMinutes(9)).plusSeconds(35); // within 30 s of the 10 min expiry
            Map<String, String> refreshed = credential.headers(ALICE, "caller-token");
            assertThat(idp.hits(Endpoint.TOKEN) - before).isEqualTo(2);
            assertThat(refreshed).isNotEqualTo(first);
        }
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        try (UpstreamCredentials factory = new UpstreamCredentials(options(Clock.systemUTC()));
                ExecutorService pool = Executors.newFixedThreadPool(8)) {
            UpstreamCredential credential = factory.create(clientCredentials("env:DP_SECRET"));
            int before = idp.hits(Endpoint.TOKEN);
            List<Callable<Map<String, String>>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> credential.headers(ALICE, "t"));
            }
            List<Map<String, String>> results = new ArrayList<>();
            for (Future<Map<String, String>> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            assertThat(results).allMatch(r -> r.equals(results.get(0)));
            assertThat(idp.hits(Endpoint.TOKEN) - before).isEqualTo(1);
        }
    }

    @Test
    void tokenEndpointFailuresFailClosed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (UpstreamCredentials factory = new UpstreamCredentials(options(Clock.systemUTC()))) {
            UpstreamCredential down = factory.create(new UpstreamAuthSettings.ClientCredentials(
                    URI.create("http://127.0.0.1:" + closedPort + "/token"),
                    "gatehouse-dp",
                    "env:DP_SECRET",
                    Set.of(),
                    null,
                    UPSTREAM));
            assertThatThrownBy(() -> down.headers(ALICE, "t"))
                    .isInstanceOf(UpstreamCredentialException.class)
                    .hasMessageContaining("unreachable");
            assertThatThrownBy(() -> down.headers(ALICE, "t"))
                    .isInstanceOf(UpstreamCredentialException.class)
                    .hasMessageContaining("retrying after backoff");

            UpstreamCredential wrongSecret = factory.create(clientCredentials("env:WRONG"));
            assertThatThrownBy(() -> wrongSecret.headers(ALICE, "t"))
                    .isInstanceOf(UpstreamCredentialException.class)
                    .hasMessageContaining("answered HTTP 401 (invalid_client)")
                    .hasMessageNotContaining("nope");

            UpstreamCredential unavailable = factory.create(clientCredentials("env:DP_SECRET"));
            idp.setAvailable(false);
            try {
                assertThatThrownBy(() -> unavailable.headers(ALICE, "t"))
                        .isInstanceOf(UpstreamCredentialException.class)
                        .hasMessageContaining("HTTP 503");
            } finally {
                idp.setAvailable(true);
            }
        }
    }

    @Test
    void tokenExchangeIsPerCallerAndCached() throws Exception {
        try (UpstreamCredentials factory = new UpstreamCredentials(options(Clock.systemUTC()))) {
            UpstreamCredential credential = factory.create(new UpstreamAuthSettings.TokenExchange(
                    idp.tokenEndpoint(), "gatehouse-dp", "env:DP_SECRET", null, UPSTREAM, Set.of("files:read"), null));
            String aliceToken = idp.mint(Map.of("sub", "alice", "aud", "https://gw.example.com/mcp/files"));
            String bobToken = idp.mint(Map.of("sub", "bob", "aud", "https://gw.example.com/mcp/files"));
            int before = idp.hits(Endpoint.TOKEN);

            Map<String, String> alice = credential.headers(ALICE, aliceToken);
            Map<String, String> aliceAgain = credential.headers(ALICE, aliceToken);
            Map<String, String> bob = credential.headers(ALICE, bobToken);

            assertThat(aliceAgain).isEqualTo(alice);
            assertThat(idp.hits(Endpoint.TOKEN) - before).isEqualTo(2);
            JWTClaimsSet exchanged = claimsOf(alice);
            assertThat(exchanged.getSubject()).isEqualTo("alice");
            assertThat(exchanged.getAudience()).containsExactly(UPSTREAM);
            assertThat(exchanged.getJSONObjectClaim("act")).containsEntry("sub", "gatehouse-dp");
            assertThat(alice.get("Authorization")).doesNotContain(aliceToken);
            assertThat(claimsOf(bob).getSubject()).isEqualTo("bob");

            assertThatThrownBy(() -> credential.headers(ALICE, null))
                    .isInstanceOf(UpstreamCredentialException.class)
                    .hasMessageContaining("needs the caller's token");
            assertThatThrownBy(() -> credential.headers(ALICE, "forged.caller.token"))
                    .isInstanceOf(UpstreamCredentialException.class)
                    .hasMessageContaining("HTTP 400 (invalid_grant)")
                    .hasMessageNotContaining("forged");
        }
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new UpstreamAuthSettings.ClientCredentials(
                        URI.create("ftp://x/token"), "c", "env:S", Set.of(), null, null))
                .hasMessageContaining("absolute http(s) URI");
        assertThatThrownBy(() -> new UpstreamAuthSettings.TokenExchange(
                        idp.tokenEndpoint(), "c", "env:S", null, null, Set.of(), null))
                .hasMessageContaining("needs an audience or a resource");
        assertThatThrownBy(() -> new UpstreamAuthSettings.ClientCredentials(
                        idp.tokenEndpoint(), "c", "plain-secret", Set.of(), null, null))
                .hasMessageContaining("malformed");
    }
}
