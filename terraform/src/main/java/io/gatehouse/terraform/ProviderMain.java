package io.gatehouse.terraform;

import io.gatehouse.terraform.internal.plugin.PluginServer;
import io.gatehouse.terraform.internal.plugin.SelfSignedCertificate;
import io.gatehouse.terraform.internal.provider.ProviderService;
import io.gatehouse.terraform.internal.resources.Catalog;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Entry point of {@code terraform-provider-gatehouse}. Terraform starts it with the go-plugin magic
 * cookie; it answers with one handshake line on stdout and then serves plugin protocol 6 over gRPC
 * until Terraform calls Shutdown.
 */
public final class ProviderMain {
    static final String NOT_A_COMMAND = "This binary is a plugin. These are not meant to be executed directly.\n"
            + "Please execute the program that consumes these plugins, which will\n"
            + "load any plugins automatically";

    private ProviderMain() {}

    public static void main(String[] args) throws Exception {
        PluginServer server = start(System.getenv(), System.out, System.err);
        if (server == null) {
            System.exit(1);
        }
        server.awaitTermination();
    }

    /**
     * Checks the cookie, starts the server and prints the handshake; null (and a message on
     * {@code err}, nothing on {@code out}) when not started by Terraform.
     */
    static PluginServer start(Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        if (!PluginServer.launchedByTerraform(env)) {
            err.println(NOT_A_COMMAND);
            return null;
        }
        ignoreInterrupts();
        // the key pair and TLS warm-up run on the second core while this thread loads the provider
        CompletableFuture<SelfSignedCertificate> identity = PluginServer.prepareIdentity(env);
        PluginServer[] self = new PluginServer[1];
        ProviderService provider = new ProviderService(new Catalog(), env);
        PluginServer server = PluginServer.start(
                env,
                provider,
                () -> {
                    self[0].close();
                    System.exit(0);
                },
                identity);
        self[0] = server;
        out.println(server.handshakeLine());
        out.flush();
        // Nothing else may ever reach Terraform's view of stdout as protocol: send it to stderr.
        if (out == System.out) {
            System.setOut(System.err);
        }
        return server;
    }

    /** Terraform handles Ctrl-C itself and stops providers over RPC, as Go plugins expect. */
    private static void ignoreInterrupts() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException unsupported) {
            // no SIGINT on this platform
        }
    }
}
