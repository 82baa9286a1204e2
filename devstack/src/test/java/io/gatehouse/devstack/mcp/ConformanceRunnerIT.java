package io.gatehouse.devstack.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.devstack.node.NodeTools;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The runner's single-scenario mode and its time limit, with the real suite against the fixture. */
class ConformanceRunnerIT {

    @Test
    void runsOneScenarioAndKillsTheSuiteAtItsTimeLimit() {
        try (FixtureMcpServer fixture = FixtureMcpServer.start()) {
            ConformanceReport one = ConformanceRunner.runScenario(
                    NodeTools.standard(), fixture.url(), "tools-call-with-progress", Duration.ofMinutes(1));
            assertThat(one.scenarios().keySet()).containsExactly("tools-call-with-progress");
            assertThat(one.passed()).containsExactly("tools-call-with-progress");

            assertThatThrownBy(() -> ConformanceRunner.run(
                            NodeTools.standard(), fixture.url(), ConformanceRunner.SUITE_ALL, Duration.ofMillis(300)))
                    .isInstanceOf(ConformanceRunner.ConformanceRunException.class)
                    .hasMessageContaining("did not finish within PT0.3S");
        }
    }
}
