package io.gatehouse.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DevSqlTest {

    @Test
    void splitsStatementsAtLineEndingSemicolonsAndSkipsComments() {
        String script = """
                -- roles
                CREATE ROLE a LOGIN PASSWORD 'x;y';
                CREATE ROLE b
                  LOGIN NOSUPERUSER;

                ALTER DATABASE gatehouse OWNER TO a;
                """;
        assertThat(DevSql.parse(script))
                .containsExactly(
                        "CREATE ROLE a LOGIN PASSWORD 'x;y'",
                        "CREATE ROLE b\n  LOGIN NOSUPERUSER",
                        "ALTER DATABASE gatehouse OWNER TO a");
    }

    @Test
    void unterminatedLastStatementIsRefused() {
        assertThatThrownBy(() -> DevSql.parse("CREATE ROLE a;\nCREATE ROLE b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not end with ';'");
    }
}
