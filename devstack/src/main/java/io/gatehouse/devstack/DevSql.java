package io.gatehouse.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a small set-up script as the PostgreSQL superuser, on the {@code postgres} database, one
 * statement at a time and outside a transaction (so {@code CREATE DATABASE} and role statements
 * work). Used by {@code ./gatehouse dev} to create the control plane's owner and application roles.
 *
 * <p>Format: statements end with {@code ;} at the end of a line; lines starting with {@code --} are
 * comments. Statement text is never echoed in errors, since it may carry passwords.
 */
final class DevSql {

    private DevSql() {}

    static void run(EmbeddedPostgres postgres, Path file) throws IOException, SQLException {
        List<String> statements = parse(Files.readString(file, StandardCharsets.UTF_8));
        try (Connection connection = postgres.connect("postgres");
                Statement statement = connection.createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                try {
                    statement.execute(statements.get(i));
                } catch (SQLException e) {
                    throw new SQLException(
                            file.getFileName() + ": statement " + (i + 1) + " failed: " + e.getSQLState(), e);
                }
            }
        }
    }

    static List<String> parse(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(current.isEmpty() ? "" : "\n").append(line);
            if (trimmed.endsWith(";")) {
                String text = current.toString().strip();
                statements.add(text.substring(0, text.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException("set-up script: the last statement does not end with ';'");
        }
        return statements;
    }
}
