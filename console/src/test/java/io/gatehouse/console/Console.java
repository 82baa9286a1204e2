package io.gatehouse.console;

import java.net.URI;
import java.util.Map;

/** The console under test on a free port, pointed at the shared control plane. One per test JVM. */
final class Console {
    private static ConsoleServer server;

    static synchronized String url() {
        if (server == null) {
            ControlPlane controlPlane = ControlPlane.get();
            ConsoleConfig config = ConsoleConfig.from(
                    Map.of("controlPlaneUrl", controlPlane.baseUrl(), "port", "0", "host", "127.0.0.1"), name -> null);
            try {
                server = ConsoleServer.start(config);
            } catch (Exception e) {
                throw new IllegalStateException("the console did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        URI uri = server.uri();
        return uri.toString();
    }
}
