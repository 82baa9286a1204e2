package io.gatehouse.terraform.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.terraform.internal.goplugin.GRPCControllerGrpc;
import io.gatehouse.terraform.internal.goplugin.GrpcController;
import io.gatehouse.terraform.internal.provider.ProviderService;
import io.gatehouse.terraform.internal.resources.Catalog;
import io.gatehouse.terraform.internal.tfplugin6.ProviderGrpc;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PluginServerTest {
    private static final SelfSignedCertificate TERRAFORM = SelfSignedCertificate.generateP521();

    private static Map<String, String> env(String clientPem) {
        return Map.of(
                PluginServer.MAGIC_COOKIE_KEY,
                PluginServer.MAGIC_COOKIE_VALUE,
                PluginServer.PROTOCOL_VERSIONS,
                "5,6",
                PluginServer.CLIENT_CERT,
                clientPem);
    }

    private static PluginServer start(Map<String, String> env, Runnable onShutdown) throws Exception {
        return PluginServer.start(env, new ProviderService(new Catalog(), env), onShutdown);
    }

    @Test
    void handshakeCarriesTheServerCertificateAsUnpaddedBase64() throws Exception {
        try (PluginServer server = start(env(TERRAFORM.pem()), () -> {})) {
            String[] fields = server.handshakeLine().split("\\|");

            assertThat(fields).hasSize(6);
            assertThat(List.of(fields[0], fields[1], fields[2], fields[3], fields[4]))
                    .containsExactly("1", "6", "tcp", "127.0.0.1:" + server.port(), "grpc");
            assertThat(fields[5]).doesNotContain("=").hasSizeGreaterThan(50);
            X509Certificate presented = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(fields[5])));
            assertThat(presented).isEqualTo(server.serverCertificate());
            assertThat(presented.getSubjectAlternativeNames())
                    .anySatisfy(san -> assertThat(List.copyOf(san)).isEqualTo(List.of(2, "localhost")));
            presented.verify(presented.getPublicKey());
        }
    }

    @Test
    void terraformsClientCertificateGetsThroughMutualTls() throws Exception {
        try (PluginServer server = start(env(TERRAFORM.pem()), () -> {})) {
            ManagedChannel channel = TrainingRun.channel(server, TERRAFORM);
            try {
                Tfplugin6.GetProviderSchema.Response schema = ProviderGrpc.newBlockingStub(channel)
                        .getProviderSchema(Tfplugin6.GetProviderSchema.Request.getDefaultInstance());

                assertThat(schema.getResourceSchemasMap())
                        .containsKeys("gatehouse_mcp_server", "gatehouse_policy", "gatehouse_enrollment_token");
                assertThat(schema.getDataSourceSchemasMap()).containsKeys("gatehouse_servers", "gatehouse_scopes");
                assertThat(schema.getProvider().getBlock().getAttributesList()).anySatisfy(a -> {
                    assertThat(a.getName()).isEqualTo("token");
                    assertThat(a.getSensitive()).isTrue();
                });
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void aClientWithAnotherCertificateIsRejected() throws Exception {
        SelfSignedCertificate stranger = SelfSignedCertificate.generateP521();
        try (PluginServer server = start(env(TERRAFORM.pem()), () -> {})) {
            ManagedChannel channel = TrainingRun.channel(server, stranger);
            try {
                assertThatThrownBy(() -> ProviderGrpc.newBlockingStub(channel)
                                .withDeadlineAfter(5, TimeUnit.SECONDS)
                                .getProviderSchema(Tfplugin6.GetProviderSchema.Request.getDefaultInstance()))
                        .isInstanceOf(StatusRuntimeException.class);
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void aPlaintextClientIsRejectedWhenTerraformAskedForTls() throws Exception {
        try (PluginServer server = start(env(TERRAFORM.pem()), () -> {})) {
            ManagedChannel channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress(
                            "127.0.0.1", server.port())
                    .usePlaintext()
                    .build();
            try {
                assertThatThrownBy(() -> ProviderGrpc.newBlockingStub(channel)
                                .withDeadlineAfter(5, TimeUnit.SECONDS)
                                .getProviderSchema(Tfplugin6.GetProviderSchema.Request.getDefaultInstance()))
                        .isInstanceOf(StatusRuntimeException.class);
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void shutdownIsAnsweredThenTheProcessIsLetGo() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        try (PluginServer server = start(env(TERRAFORM.pem()), stopped::countDown)) {
            ManagedChannel channel = TrainingRun.channel(server, TERRAFORM);
            try {
                GRPCControllerGrpc.newBlockingStub(channel).shutdown(GrpcController.Empty.getDefaultInstance());
                assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void aHostWithoutProtocolSixIsRefused() {
        Map<String, String> env = Map.of(
                PluginServer.MAGIC_COOKIE_KEY, PluginServer.MAGIC_COOKIE_VALUE, PluginServer.PROTOCOL_VERSIONS, "4,5");
        assertThatThrownBy(() -> start(env, () -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("protocol 6");
    }
}
