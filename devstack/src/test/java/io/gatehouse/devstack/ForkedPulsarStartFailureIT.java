package io.gatehouse.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.devstack.internal.RuntimeClasspath;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forked broker that cannot start fails fast, says why with the child's own last lines, and cleans up. */
class ForkedPulsarStartFailureIT {

    @Test
    void childThatDiesBeforeReadyIsReportedWithItsLogTail(@TempDir Path tmp) {
        String previousTmp = System.getProperty("java.io.tmpdir");
        System.setProperty(
                RuntimeClasspath.OVERRIDE_PROPERTY, tmp.resolve("no-such.jar").toString());
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            assertThatThrownBy(() -> EmbeddedPulsar.builder().forked(true).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("forked Pulsar (pid ")
                    .hasMessageContaining("exited with code 1 before it was ready")
                    .hasMessageContaining("last lines of its log:")
                    .hasMessageContaining(
                            "Could not find or load main class " + "io.gatehouse.devstack.internal.ForkedPulsarMain");
        } finally {
            System.clearProperty(RuntimeClasspath.OVERRIDE_PROPERTY);
            System.setProperty("java.io.tmpdir", previousTmp);
        }
        assertThat(tmp).as("the work directory is removed again").isEmptyDirectory();
    }
}
