package io.gatehouse.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevStackMainTest {
    @Test
    void defaultsStartEverythingWithoutPulsarAuth() {
        DevStackMain.Options options = DevStackMain.Options.parse();
        assertThat(options)
                .isEqualTo(new DevStackMain.Options(
                        Optional.empty(), true, true, true, false, "gatehouse", Optional.empty()));
    }

    @Test
    void flagsSwitchComponentsOffAndAuthOn() {
        DevStackMain.Options options = DevStackMain.Options.parse(
                "--env-file",
                ".gatehouse/devstack.env",
                "--no-redis",
                "--no-postgres",
                "--pulsar-auth",
                "--database",
                "cp");
        assertThat(options)
                .isEqualTo(new DevStackMain.Options(
                        Optional.of(Path.of(".gatehouse/devstack.env")),
                        false,
                        true,
                        false,
                        true,
                        "cp",
                        Optional.empty()));
    }

    @Test
    void sqlFileIsTakenWithPostgres() {
        assertThat(DevStackMain.Options.parse("--sql-file", "roles.sql").sqlFile())
                .contains(Path.of("roles.sql"));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> DevStackMain.Options.parse("--no-kafka")).hasMessage("unknown argument: --no-kafka");
        assertThatThrownBy(() -> DevStackMain.Options.parse("--env-file")).hasMessage("--env-file: missing value");
        assertThatThrownBy(() -> DevStackMain.Options.parse("--env-file", "--no-redis"))
                .hasMessage("--env-file: missing value");
        assertThatThrownBy(() -> DevStackMain.Options.parse("--no-pulsar", "--pulsar-auth"))
                .hasMessage("--pulsar-auth contradicts --no-pulsar");
        assertThatThrownBy(() -> DevStackMain.Options.parse("--no-postgres", "--sql-file", "x.sql"))
                .hasMessage("--sql-file contradicts --no-postgres");
    }

    @Test
    void valuesAreSingleQuotedForTheShell() {
        assertThat(DevStackMain.shellQuote("plain")).isEqualTo("'plain'");
        assertThat(DevStackMain.shellQuote("it's $HOME `x`")).isEqualTo("'it'\\''s $HOME `x`'");
    }

    @Test
    void envFileHasExportLinesAndOnlyOwnerMayReadIt(@TempDir Path dir) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEHOUSE_PG_URL", "jdbc:postgresql://localhost:5432/gatehouse");
        env.put("GATEHOUSE_PG_PASSWORD", "p'w");
        Path file = dir.resolve("nested/devstack.env");

        DevStackMain.writeEnvFile(file, env);

        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "# written by devstack (DevStackMain); deleted when it stops",
                        "export GATEHOUSE_PG_URL='jdbc:postgresql://localhost:5432/gatehouse'",
                        "export GATEHOUSE_PG_PASSWORD='p'\\''w'");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(dir.resolve("nested/devstack.env.tmp")).doesNotExist();
    }
}
