package io.gatehouse.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.devstack.internal.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class EmbeddedPostgresIT {

    @Test
    void sqlRoundTripInAFreshDatabase(EmbeddedPostgres postgres) throws SQLException {
        postgres.createDatabase("roundtrip");
        try (Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl("roundtrip"), postgres.superuser(), postgres.password());
                Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE tenant (id BIGINT PRIMARY KEY, name TEXT NOT NULL)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tenant VALUES (?, ?)")) {
                insert.setLong(1, 1);
                insert.setString(2, "acme");
                insert.executeUpdate();
                insert.setLong(1, 2);
                insert.setString(2, "globex");
                insert.executeUpdate();
            }
            List<String> names = new ArrayList<>();
            try (ResultSet rows = ddl.executeQuery("SELECT name FROM tenant ORDER BY id")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            assertThat(names).containsExactly("acme", "globex");
        }
    }

    @Test
    void passwordIsEnforced(EmbeddedPostgres postgres) {
        assertThatThrownBy(
                        () -> DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.superuser(), "wrong")
                                .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void invalidDatabaseNamesAreRejectedBeforeAnySql(EmbeddedPostgres postgres) {
        assertThatThrownBy(() -> postgres.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("database: 'x; DROP DATABASE postgres'");
    }

    @Test
    void closeStopsTheServerFreesThePortAndDeletesTheData() throws SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        int port = postgres.port();
        Path workDir = postgres.workDir();
        try (Connection connection = postgres.connect("postgres")) {
            assertThat(connection.isValid(5)).isTrue();
        }
        assertThat(workDir).isDirectory();

        postgres.close();

        assertThat(Ports.isFree(port)).as("port %d free", port).isTrue();
        assertThat(workDir).doesNotExist();
    }
}
