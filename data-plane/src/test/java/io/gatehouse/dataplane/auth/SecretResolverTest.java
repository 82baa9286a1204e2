package io.gatehouse.dataplane.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {

    final SecretResolver resolver = new SecretResolver(Map.of("API_KEY", "k-123", "EMPTY", "")::get);

    @TempDir
    Path dir;

    @Test
    void resolvesEnvironmentVariables() {
        assertThat(resolver.resolve("env:API_KEY")).isEqualTo("k-123");
    }

    @Test
    void resolvesFilesWithoutTheTrailingNewline() throws Exception {
        Path unix = Files.writeString(dir.resolve("unix"), "top-secret\n");
        Path windows = Files.writeString(dir.resolve("windows"), "top-secret\r\n");
        Path inner = Files.writeString(dir.resolve("inner"), "line1\nline2\n\n");
        assertThat(resolver.resolve("file:" + unix)).isEqualTo("top-secret");
        assertThat(resolver.resolve("file:" + windows)).isEqualTo("top-secret");
        assertThat(resolver.resolve("file:" + inner)).isEqualTo("line1\nline2\n");
    }

    @Test
    void errorsNameTheReferenceButNeverTheValue() throws Exception {
        assertThatThrownBy(() -> resolver.resolve("env:MISSING"))
                .isInstanceOf(SecretReferenceException.class)
                .hasMessage("secret reference 'env:MISSING': environment variable MISSING is not set or empty");
        assertThatThrownBy(() -> resolver.resolve("env:EMPTY")).hasMessageContaining("not set or empty");
        assertThatThrownBy(() -> resolver.resolve("vault:secret/x"))
                .hasMessage("secret reference 'vault:secret/x': unknown scheme (expected: env:NAME or file:/path)");
        assertThatThrownBy(() -> resolver.resolve("k-123")).hasMessageContaining("unknown scheme");
        assertThatThrownBy(() -> resolver.resolve("")).hasMessageContaining("secret reference is empty");
        assertThatThrownBy(() -> resolver.resolve(null)).hasMessageContaining("secret reference is empty");
        assertThatThrownBy(() -> resolver.resolve("env:BAD-NAME")).hasMessageContaining("invalid environment variable");
        assertThatThrownBy(() -> resolver.resolve("file:relative/path")).hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> resolver.resolve("file:" + dir.resolve("nope")))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> resolver.resolve("file:" + dir)).hasMessageContaining("not a regular file");

        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> resolver.resolve("file:" + empty)).hasMessageContaining("file is empty");

        Path worldWritable = Files.writeString(dir.resolve("ww"), "hunter2");
        Files.setPosixFilePermissions(worldWritable, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> resolver.resolve("file:" + worldWritable))
                .hasMessageContaining("world-writable")
                .hasMessageNotContaining("hunter2");

        Path readable = Files.writeString(dir.resolve("k8s"), "hunter2");
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(resolver.resolve("file:" + readable)).isEqualTo("hunter2");
    }

    @Test
    void syntaxCheckWithoutResolving() {
        SecretResolver.checkSyntax("env:X");
        SecretResolver.checkSyntax("file:/run/secrets/x");
        assertThatThrownBy(() -> SecretResolver.checkSyntax("env:")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> SecretResolver.checkSyntax("file:x")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> SecretResolver.checkSyntax("env:BAD-NAME")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> SecretResolver.checkSyntax("vault:x")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> SecretResolver.checkSyntax(null)).hasMessageContaining("malformed");
    }

    @Test
    void toStringRevealsNothing() {
        assertThat(resolver.toString()).doesNotContain("k-123");
    }
}
