package io.gatehouse.devstack.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.devstack.mcp.ScenarioResult.Outcome;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real conformance suite (0.1.16, {@code --suite all}) against {@link FixtureMcpServer} directly. */
class FixtureConformanceIT {

    @Test
    void allThirtyTwoScenariosPassAgainstTheFixtureDirectly() throws Exception {
        Map<String, Outcome> expected;
        try (InputStream in = getClass().getResourceAsStream("/conformance/fixture-direct.json")) {
            expected = ConformanceReport.readExpectations(in);
        }
        assertThat(expected.values()).hasSize(32).containsOnly(Outcome.PASS);

        try (FixtureMcpServer fixture = FixtureMcpServer.start()) {
            ConformanceReport report = ConformanceRunner.run(fixture.url(), Duration.ofMinutes(3));

            ConformanceReport.Comparison comparison = report.compareTo(expected);
            assertThat(comparison.matches()).as(comparison.describe()).isTrue();
            assertThat(report.scenarios()).hasSize(32);
            assertThat(report.failed()).isEmpty();
        }
    }
}
