package io.gatehouse.terraform.internal.plugin;

import com.google.protobuf.ByteString;
import io.gatehouse.terraform.internal.cty.CtyCodec;
import io.gatehouse.terraform.internal.goplugin.GRPCControllerGrpc;
import io.gatehouse.terraform.internal.goplugin.GrpcController;
import io.gatehouse.terraform.internal.provider.ProviderService;
import io.gatehouse.terraform.internal.resources.Catalog;
import io.gatehouse.terraform.internal.resources.ManagedResource;
import io.gatehouse.terraform.internal.tfplugin6.ProviderGrpc;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Build-time training run for the class-data-sharing archive: starts the plugin exactly as Terraform
 * would (magic cookie, P-521 client certificate), performs the mTLS handshake and the first RPCs,
 * then shuts down through go-plugin's controller so the JVM dumps the loaded classes at exit.
 */
public final class TrainingRun {
    private TrainingRun() {}

    public static void main(String[] args) throws Exception {
        SelfSignedCertificate terraform = SelfSignedCertificate.generateP521();
        Map<String, String> env = Map.of(
                PluginServer.MAGIC_COOKIE_KEY,
                PluginServer.MAGIC_COOKIE_VALUE,
                PluginServer.PROTOCOL_VERSIONS,
                "5,6",
                PluginServer.CLIENT_CERT,
                terraform.pem());
        Catalog catalog = new Catalog();
        CountDownLatch shutdownCalled = new CountDownLatch(1);
        PluginServer server = PluginServer.start(env, new ProviderService(catalog, env), shutdownCalled::countDown);
        ManagedChannel channel = channel(server, terraform);
        ProviderGrpc.ProviderBlockingStub provider = ProviderGrpc.newBlockingStub(channel);
        provider.getProviderSchema(Tfplugin6.GetProviderSchema.Request.getDefaultInstance());
        for (ManagedResource resource : catalog.resources().values()) {
            Map<String, Object> empty = new LinkedHashMap<>();
            byte[] config = CtyCodec.encodeMsgpack(empty, resource.schema().type());
            provider.validateResourceConfig(Tfplugin6.ValidateResourceConfig.Request.newBuilder()
                    .setTypeName(resource.typeName())
                    .setConfig(Tfplugin6.DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(config)))
                    .build());
            provider.planResourceChange(Tfplugin6.PlanResourceChange.Request.newBuilder()
                    .setTypeName(resource.typeName())
                    .setProposedNewState(Tfplugin6.DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(config)))
                    .setConfig(Tfplugin6.DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(config)))
                    .build());
        }
        GRPCControllerGrpc.newBlockingStub(channel).shutdown(GrpcController.Empty.getDefaultInstance());
        shutdownCalled.await(30, TimeUnit.SECONDS);
        channel.shutdownNow();
        server.close();
        System.exit(0); // the class-data archive is written now, on the way out
    }

    /** A client channel to the plugin as Terraform dials it: TLS to "localhost" with its own certificate. */
    public static ManagedChannel channel(PluginServer server, SelfSignedCertificate client) throws Exception {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", server.port());
        if (server.serverCertificate() == null) {
            return builder.usePlaintext().build();
        }
        return builder.overrideAuthority("localhost")
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                        .keyManager(client.privateKey(), client.certificate())
                        .trustManager(server.serverCertificate())
                        .build())
                .build();
    }
}
