package io.gatehouse.devstack.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.devstack.mcp.ScenarioResult.Outcome;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real conformance suite against the real {@code @modelcontextprotocol/server-everything}: the run must
 * match the recorded per-scenario results exactly (it lacks most of the suite's fixtures, and it does not
 * protect against DNS rebinding).
 */
class ServerEverythingConformanceIT {

    @Test
    void serverEverythingMatchesItsRecordedResultsAndStopsCleanly() throws Exception {
        Map<String, Outcome> expected;
        try (InputStream in = getClass().getResourceAsStream("/conformance/server-everything-direct.json")) {
            expected = ConformanceReport.readExpectations(in);
        }

        NpmMcpServer everything = NpmMcpServer.startEverything();
        ProcessHandle process = ProcessHandle.of(everything.pid()).orElseThrow();
        try {
            ConformanceReport report = ConformanceRunner.run(everything.url(), Duration.ofMinutes(3));
            Path actual = Path.of("target", "conformance", "server-everything-direct.actual.json");
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, report.toExpectationsJson());

            ConformanceReport.Comparison comparison = report.compareTo(expected);
            assertThat(comparison.matches()).as(comparison.describe()).isTrue();
            assertThat(report.scenarios()).hasSize(32);
            assertThat(report.scenario("dns-rebinding-protection").failures())
                    .extracting(ScenarioResult.Check::id)
                    .containsExactly("localhost-host-rebinding-rejected");
        } finally {
            everything.close();
        }
        assertThat(process.isAlive()).isFalse();
        assertThat(NpmMcpServer.accepts(everything.port())).isFalse();
    }
}
