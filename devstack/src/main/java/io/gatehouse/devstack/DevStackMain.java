package io.gatehouse.devstack;

import io.gatehouse.devstack.internal.Log4jSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code ./gatehouse dev}'s infrastructure process: starts PostgreSQL, Pulsar (in this JVM) and Redis, prints one
 * summary line per component, writes the connection details as {@code export NAME='value'} lines to
 * {@code --env-file}, prints {@value #READY}, and on SIGINT/SIGTERM stops everything (ports freed, temporary
 * directories and the env file deleted) and exits 0.
 *
 * <pre>
 * java -cp "$(cat devstack/target/devstack.classpath)" io.gatehouse.devstack.DevStackMain \
 *     --env-file .gatehouse/devstack.env [--no-postgres] [--no-pulsar] [--no-redis] [--pulsar-auth]
 *     [--database NAME] [--sql-file PATH]
 * </pre>
 */
public final class DevStackMain {
    public static final String READY = "devstack: ready";

    static final String USAGE = "usage: DevStackMain [--env-file PATH] [--no-postgres] [--no-pulsar] [--no-redis]"
            + " [--pulsar-auth] [--database NAME] [--sql-file PATH]";

    private DevStackMain() {}

    /** Parsed command line. */
    record Options(
            Optional<Path> envFile,
            boolean postgres,
            boolean pulsar,
            boolean redis,
            boolean pulsarAuth,
            String database,
            Optional<Path> sqlFile) {

        static Options parse(String... args) {
            Optional<Path> envFile = Optional.empty();
            boolean postgres = true;
            boolean pulsar = true;
            boolean redis = true;
            boolean pulsarAuth = false;
            String database = "gatehouse";
            Optional<Path> sqlFile = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--env-file" -> envFile = Optional.of(Path.of(value(args, ++i, "--env-file")));
                    case "--database" -> database = value(args, ++i, "--database");
                    case "--no-postgres" -> postgres = false;
                    case "--no-pulsar" -> pulsar = false;
                    case "--no-redis" -> redis = false;
                    case "--pulsar-auth" -> pulsarAuth = true;
                    case "--sql-file" -> sqlFile = Optional.of(Path.of(value(args, ++i, "--sql-file")));
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (pulsarAuth && !pulsar) {
                throw new IllegalArgumentException("--pulsar-auth contradicts --no-pulsar");
            }
            if (sqlFile.isPresent() && !postgres) {
                throw new IllegalArgumentException("--sql-file contradicts --no-postgres");
            }
            return new Options(envFile, postgres, pulsar, redis, pulsarAuth, database, sqlFile);
        }

        private static String value(String[] args, int index, String flag) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(flag + ": missing value");
            }
            return args[index];
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Log4jSetup.useDevstackConfig();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("devstack: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        CountDownLatch stopRequested = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
        SignalHandler previousInt = Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
        if (previousInt == SignalHandler.SIG_IGN) {
            // A non-interactive shell starts `cmd &` with SIGINT ignored, and the JVM then cannot catch it.
            System.err.println("devstack: SIGINT is ignored in this process (started in the background by a"
                    + " script?); stop it with SIGTERM");
        }

        DevStack stack;
        try {
            stack = DevStack.builder()
                    .postgres(options.postgres())
                    .pulsar(options.pulsar())
                    .redis(options.redis())
                    .pulsarTokenAuth(options.pulsarAuth())
                    .pulsarForked(false)
                    .database(options.database())
                    .start();
        } catch (RuntimeException e) {
            System.err.println("devstack: failed to start: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        // Any other way out of the JVM (SIGHUP, System.exit elsewhere) still stops the servers.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(stack, options), "devstack-shutdown"));

        try {
            if (options.sqlFile().isPresent()) {
                DevSql.run(stack.postgres().orElseThrow(), options.sqlFile().get());
                out.println("devstack: ran " + options.sqlFile().get().getFileName() + " as superuser");
            }
        } catch (IOException | SQLException | RuntimeException e) {
            System.err.println("devstack: " + e.getMessage());
            stopQuietly(stack, options);
            System.exit(1);
            return;
        }
        try {
            stack.summary().forEach(line -> out.println("devstack: " + line));
            if (options.envFile().isPresent()) {
                writeEnvFile(options.envFile().get(), stack.environment());
                out.println("devstack: env file  " + options.envFile().get().toAbsolutePath());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("devstack: cannot write the env file: " + e.getMessage());
            stopQuietly(stack, options);
            System.exit(1);
            return;
        }
        out.println(READY);

        stopRequested.await();
        out.println("devstack: stopping");
        boolean clean = stopQuietly(stack, options);
        out.println(clean ? "devstack: stopped" : "devstack: stopped with errors (see above)");
        System.exit(clean ? 0 : 1);
    }

    private static boolean stopQuietly(DevStack stack, Options options) {
        boolean clean = true;
        try {
            stack.close();
        } catch (RuntimeException e) {
            System.err.println("devstack: error while stopping: " + e.getMessage());
            clean = false;
        }
        try {
            if (options.envFile().isPresent()) {
                Files.deleteIfExists(options.envFile().get());
            }
        } catch (IOException e) {
            System.err.println("devstack: cannot delete the env file: " + e.getMessage());
            clean = false;
        }
        return clean;
    }

    /** Writes {@code export NAME='value'} lines atomically, readable only by the owner (it holds secrets). */
    static void writeEnvFile(Path file, Map<String, String> environment) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, renderEnv(environment), StandardCharsets.UTF_8);
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String renderEnv(Map<String, String> environment) {
        StringBuilder text = new StringBuilder("# written by devstack (DevStackMain); deleted when it stops\n");
        environment.forEach((name, value) -> text.append("export ")
                .append(name)
                .append("=")
                .append(shellQuote(value))
                .append('\n'));
        return text.toString();
    }

    /** Single-quoted for POSIX shells: {@code '} becomes {@code '\''}. */
    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
