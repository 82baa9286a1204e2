package io.gatehouse.controlplane;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded PostgreSQL per test JVM with the production role layout: {@code gatehouse_owner}
 * owns the database and runs the migrations, {@code gatehouse_app} is an ordinary login role (no
 * superuser, no BYPASSRLS) that the application connects as.
 */
public final class PostgresFixture {
    private static PostgresFixture instance;
    private final EmbeddedPostgres postgres;

    private PostgresFixture(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static synchronized PostgresFixture get() {
        if (instance == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
                        Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE gatehouse_owner LOGIN PASSWORD 'owner'");
                    s.execute("CREATE ROLE gatehouse_app LOGIN PASSWORD 'app' NOSUPERUSER NOBYPASSRLS");
                    s.execute("CREATE DATABASE gatehouse OWNER gatehouse_owner");
                }
                instance = new PostgresFixture(postgres);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare the embedded database", e);
            }
        }
        return instance;
    }

    public String url() {
        return postgres.getJdbcUrl("gatehouse_app", "gatehouse").replaceAll("[?&]user=[^&]*", "");
    }

    /** The JDBC URL of the {@code gatehouse} database (no credentials). */
    public String gatehouseUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/gatehouse";
    }

    public Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(gatehouseUrl(), user, password);
    }
}
