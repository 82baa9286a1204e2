package io.gatehouse.terraform.internal.plugin;

import io.gatehouse.terraform.internal.goplugin.GRPCControllerGrpc;
import io.gatehouse.terraform.internal.goplugin.GrpcController;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The go-plugin side of a Terraform provider: a gRPC server on 127.0.0.1 serving the provider and
 * go-plugin's controller, with mutual TLS when Terraform passes its client certificate
 * ({@code PLUGIN_CLIENT_CERT}), and the one handshake line Terraform reads from stdout.
 */
public final class PluginServer implements AutoCloseable {
    public static final String MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
    public static final String MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
    public static final String CLIENT_CERT = "PLUGIN_CLIENT_CERT";
    public static final String PROTOCOL_VERSIONS = "PLUGIN_PROTOCOL_VERSIONS";
    static final int CORE_PROTOCOL = 1;
    static final int APP_PROTOCOL = 6;

    private final Server server;
    private final String handshake;
    private final X509Certificate serverCertificate;

    private PluginServer(Server server, String handshake, X509Certificate serverCertificate) {
        this.server = server;
        this.handshake = handshake;
        this.serverCertificate = serverCertificate;
    }

    /** True when the host is a go-plugin host (Terraform) that set the magic cookie. */
    public static boolean launchedByTerraform(Map<String, String> env) {
        return MAGIC_COOKIE_VALUE.equals(env.get(MAGIC_COOKIE_KEY));
    }

    /**
     * Binds an ephemeral port and starts serving. {@code onShutdown} runs (on its own thread) after
     * go-plugin's Shutdown call has been answered.
     */
    public static PluginServer start(Map<String, String> env, BindableService provider, Runnable onShutdown)
            throws IOException {
        return start(env, provider, onShutdown, prepareIdentity(env));
    }

    /**
     * Starts generating the key pair and certificate (and warming up the JDK's TLS provider) on a
     * background thread when Terraform asked for TLS, so it overlaps with class loading on the main
     * thread: start-up time is what Terraform waits for, several times per command.
     */
    public static CompletableFuture<SelfSignedCertificate> prepareIdentity(Map<String, String> env) {
        String clientPem = env.get(CLIENT_CERT);
        if (clientPem == null || clientPem.isBlank()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<SelfSignedCertificate> identity = new CompletableFuture<>();
        Thread worker = new Thread(
                () -> {
                    try {
                        SelfSignedCertificate generated = SelfSignedCertificate.generate();
                        identity.complete(generated);
                        SSLContext.getDefault();
                    } catch (RuntimeException | GeneralSecurityException e) {
                        identity.completeExceptionally(e);
                    }
                },
                "plugin-tls-identity");
        worker.setDaemon(true);
        worker.start();
        return identity;
    }

    /** As {@link #start(Map, BindableService, Runnable)} with an identity from {@link #prepareIdentity(Map)}. */
    public static PluginServer start(
            Map<String, String> env,
            BindableService provider,
            Runnable onShutdown,
            CompletableFuture<SelfSignedCertificate> preparedIdentity)
            throws IOException {
        String versions = env.get(PROTOCOL_VERSIONS);
        if (versions != null
                && !versions.isBlank()
                && Arrays.stream(versions.split(",")).map(String::trim).noneMatch("6"::equals)) {
            throw new IllegalStateException(
                    PROTOCOL_VERSIONS + ": '" + versions + "' (this provider speaks plugin protocol 6 only)");
        }
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(provider)
                .addService(new Controller(onShutdown));
        String clientPem = env.get(CLIENT_CERT);
        SelfSignedCertificate identity = null;
        if (clientPem != null && !clientPem.isBlank()) {
            identity = preparedIdentity.join();
            if (identity == null) {
                identity = SelfSignedCertificate.generate();
            }
            builder.sslContext(tls(identity, parsePem(clientPem)));
        }
        Server server = builder.build().start();
        String line = CORE_PROTOCOL + "|" + APP_PROTOCOL + "|tcp|127.0.0.1:" + server.getPort() + "|grpc|";
        if (identity != null) {
            try {
                // go-plugin decodes field 6 as standard base64 without padding
                line += Base64.getEncoder()
                        .withoutPadding()
                        .encodeToString(identity.certificate().getEncoded());
            } catch (GeneralSecurityException e) {
                server.shutdownNow();
                throw new IllegalStateException(e);
            }
        }
        return new PluginServer(server, line, identity == null ? null : identity.certificate());
    }

    /** Netty's JDK TLS: only it offers the P-521 signature schemes go-plugin's client certificate needs. */
    private static SslContext tls(SelfSignedCertificate identity, X509Certificate client) throws IOException {
        return GrpcSslContexts.configure(
                        SslContextBuilder.forServer(identity.privateKey(), identity.certificate()), SslProvider.JDK)
                .trustManager(client)
                .clientAuth(ClientAuth.REQUIRE)
                .build();
    }

    static X509Certificate parsePem(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(CLIENT_CERT + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** The line Terraform expects first on stdout. */
    public String handshakeLine() {
        return handshake;
    }

    public int port() {
        return server.getPort();
    }

    /** The certificate presented to Terraform, or null without TLS. */
    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** go-plugin's controller: Shutdown is answered first, then the process is let go. */
    private static final class Controller extends GRPCControllerGrpc.GRPCControllerImplBase {
        private final Runnable onShutdown;

        Controller(Runnable onShutdown) {
            this.onShutdown = onShutdown;
        }

        @Override
        public void shutdown(GrpcController.Empty request, StreamObserver<GrpcController.Empty> out) {
            out.onNext(GrpcController.Empty.getDefaultInstance());
            out.onCompleted();
            Thread stopper = new Thread(onShutdown, "plugin-shutdown");
            stopper.setDaemon(false);
            stopper.start();
        }
    }
}
