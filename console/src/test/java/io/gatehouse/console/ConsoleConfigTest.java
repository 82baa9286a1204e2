package io.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleConfigTest {
    @Test
    void fileWinsOverEnvironmentWhichWinsOverDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("console.yml");
        Files.writeString(file, "controlPlaneUrl: http://cp.internal:8080/api/v1/\n");
        Map<String, String> env = Map.of("GATEHOUSE_API_URL", "http://ignored", "GATEHOUSE_CONSOLE_PORT", "9999");
        ConsoleConfig config = ConsoleConfig.load(file, env::get);
        assertThat(config.controlPlaneUrl()).isEqualTo(URI.create("http://cp.internal:8080"));
        assertThat(config.publicControlPlaneUrl()).isEqualTo(URI.create("http://cp.internal:8080"));
        assertThat(config.port()).isEqualTo(9999);
        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void defaults() {
        ConsoleConfig config = ConsoleConfig.from(Map.of(), name -> null);
        assertThat(config.controlPlaneUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(config.port()).isEqualTo(8090);
    }

    @Test
    void badValuesAreNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ConsoleConfig.from(Map.of("port", "http"), n -> null))
                .hasMessage("port: 'http' (expected: a number 0..65535)");
        assertThatThrownBy(() -> ConsoleConfig.from(Map.of("controlPlaneUrl", "localhost:8080"), n -> null))
                .hasMessage("controlPlaneUrl: 'localhost:8080' (expected: an absolute http(s) URL)");
        assertThatThrownBy(() -> ConsoleConfig.from(Map.of("prot", "1"), n -> null))
                .hasMessageStartingWith("unknown key 'prot'");
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "port: 70000\n");
        assertThatThrownBy(() -> ConsoleConfig.load(file, n -> null)).hasMessage("port: 70000 (expected: 0..65535)");
    }
}
