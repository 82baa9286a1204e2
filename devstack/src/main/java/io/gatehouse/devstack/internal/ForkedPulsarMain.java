package io.gatehouse.devstack.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The child side of {@link ForkedPulsar}: starts an {@link InProcessPulsar}, prints one ready line on stdout,
 * then runs until its stdin reaches end-of-file (the parent closed it, or the parent died) or it gets SIGTERM,
 * closes the broker and bookie (which flushes their data) and exits.
 *
 * <p>Arguments: {@code --work-dir DIR --cluster NAME [--super-user ROLE --secret-key-file FILE] [--persistent]
 * [--broker-port N --web-port N --bookie-port N]}. The secret key file holds the base64 HS256 key; it is read and
 * then left for the parent to delete with the work dir. {@code --persistent} keeps the metadata on disk and the
 * work dir on exit (see {@link PulsarSettings#persistent()}); the ports default to 0 (ephemeral).
 */
public final class ForkedPulsarMain {
    /** Stdout line the parent waits for: {@code <prefix> <brokerServiceUrl> <webServiceUrl> <bookiePort>}. */
    public static final String READY_PREFIX = "GATEHOUSE_PULSAR_READY";

    private ForkedPulsarMain() {}

    public static void main(String[] args) throws IOException {
        Log4jSetup.useDevstackConfig();
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // Anything else that writes to System.out must not be mistaken for the protocol line.
        System.setOut(System.err);

        PulsarSettings settings = parse(args);
        InProcessPulsar pulsar = InProcessPulsar.start(settings);
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                pulsar.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "devstack-pulsar-child-shutdown"));

        protocol.println(READY_PREFIX + " " + pulsar.brokerServiceUrl() + " " + pulsar.webServiceUrl() + " "
                + pulsar.bookiePort());

        awaitEndOfInput(System.in);
        stop.run();
        System.exit(0);
    }

    private static void awaitEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the parent sends nothing; anything it writes is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone: same as end-of-file
        }
    }

    static PulsarSettings parse(String[] args) throws IOException {
        Path workDir = null;
        String cluster = null;
        String superUser = null;
        Path secretFile = null;
        boolean persistent = false;
        int brokerPort = 0;
        int webPort = 0;
        int bookiePort = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--persistent")) {
                persistent = true;
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--work-dir" -> workDir = Path.of(require(args[i], value));
                case "--cluster" -> cluster = require(args[i], value);
                case "--super-user" -> superUser = require(args[i], value);
                case "--secret-key-file" -> secretFile = Path.of(require(args[i], value));
                case "--broker-port" -> brokerPort = port(args[i], value);
                case "--web-port" -> webPort = port(args[i], value);
                case "--bookie-port" -> bookiePort = port(args[i], value);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
            i++;
        }
        if (workDir == null || cluster == null) {
            throw new IllegalArgumentException("--work-dir and --cluster are required");
        }
        if ((superUser == null) != (secretFile == null)) {
            throw new IllegalArgumentException("--super-user and --secret-key-file go together");
        }
        Optional<PulsarSettings.TokenAuth> auth = Optional.empty();
        if (superUser != null) {
            byte[] key = Base64.getDecoder().decode(Files.readString(secretFile).strip());
            auth = Optional.of(new PulsarSettings.TokenAuth(key, superUser));
        }
        return new PulsarSettings(
                workDir, cluster, auth, persistent, new PulsarSettings.BrokerPorts(brokerPort, webPort, bookiePort));
    }

    private static int port(String flag, String value) {
        try {
            return Ports.requireValid(flag, Integer.parseInt(require(flag, value)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": '" + value + "' (expected: a port number)", e);
        }
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + ": missing value");
        }
        return value;
    }
}
