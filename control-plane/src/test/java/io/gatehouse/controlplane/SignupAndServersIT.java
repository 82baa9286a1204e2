package io.gatehouse.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.protocol.api.LoginRequest;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.SessionToken;
import io.gatehouse.protocol.api.Transport;
import io.gatehouse.protocol.api.UpstreamAuth;
import io.gatehouse.protocol.api.UpstreamAuthType;
import io.gatehouse.sdk.AuthenticationException;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignupAndServersIT {
    private final ControlPlaneFixture cp = ControlPlaneFixture.get();

    @Test
    void signupLoginAndCreateAServer() {
        ControlPlaneFixture.Tenant tenant = cp.newTenant("acme");
        SessionToken session = cp.anonymous().auth().login(new LoginRequest(tenant.email(), tenant.password(), null));
        assertThat(session.tenantId()).isEqualTo(tenant.tenantId());
        Gatehouse client = cp.anonymous().withToken(session.token());

        Server server = client.servers()
                .create(new ServerRequest(
                        "Files API",
                        null,
                        "https://mcp.internal/files",
                        Transport.STREAMABLE_HTTP,
                        new UpstreamAuth(UpstreamAuthType.BEARER, "env:FILES_TOKEN", null, null, null, null),
                        List.of("https://app.example.com"),
                        null,
                        Map.of("env", "prod")));
        assertThat(server.slug()).isEqualTo("files-api");
        assertThat(server.status()).isEqualTo(ServerStatus.PENDING);
        assertThat(client.servers().get(server.id())).isEqualTo(server);
        assertThat(client.servers().list().items()).containsExactly(server);
    }

    @Test
    void badTokenIs401() {
        Gatehouse client = cp.anonymous().withToken("gha_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThatThrownBy(() -> client.servers().list()).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("INVALID_TOKEN");
            assertThat(e.requestId()).isNotBlank();
        });
    }

    @Test
    void inlineSecretIsRefusedWithAFieldError() {
        ControlPlaneFixture.Tenant tenant = cp.newTenant("secret");
        assertThatThrownBy(() -> tenant.owner()
                        .servers()
                        .create(new ServerRequest(
                                "x",
                                null,
                                "ftp://nope",
                                null,
                                new UpstreamAuth(UpstreamAuthType.API_KEY, "sk-live-123456", null, null, null, null),
                                null,
                                null,
                                null)))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.fieldErrors())
                                .extracting(f -> f.field())
                                .containsExactlyInAnyOrder("upstreamUrl", "upstreamAuth.secretRef"));
        assertThat(tenant.owner().servers().list().items()).isEmpty();
    }
}
