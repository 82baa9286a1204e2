package io.gatehouse.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./gatehouse console CONFIG}: starts the console and prints
 * {@code gatehouse console: ready url=http://localhost:8090 api=...} once it answers.
 */
public final class ConsoleMain {
    private ConsoleMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 1) {
            System.err.println("usage: gatehouse console [config.yml]");
            System.exit(2);
        }
        ConsoleConfig config;
        try {
            if (args.length == 1) {
                Path file = Path.of(args[0]);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("config file not found: " + file);
                }
                config = ConsoleConfig.load(file, System::getenv);
            } else {
                config = ConsoleConfig.from(Map.of(), System::getenv);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("gatehouse console: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        ConsoleServer server;
        try {
            server = ConsoleServer.start(config);
        } catch (Exception e) {
            System.err.println("gatehouse console: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        System.out.println("gatehouse console: ready url=" + server.uri() + " api=" + config.controlPlaneUrl());
        server.join();
    }
}
