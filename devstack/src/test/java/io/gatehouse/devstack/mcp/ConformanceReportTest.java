package io.gatehouse.devstack.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.devstack.mcp.ScenarioResult.Outcome;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing the suite's output (stdout summary + {@code checks.json} files) and comparing with expectations. */
class ConformanceReportTest {

    private static final URI URL = URI.create("http://127.0.0.1:1/mcp");

    @TempDir
    Path results;

    @Test
    void parsesSummaryAndChecksIntoPerScenarioResults() throws Exception {
        checks("ping", "2026-11-24T02-20-01-123Z", """
                [{"id":"ping","description":"Server responds to ping","status":"SUCCESS"}]""");
        checks("dns-rebinding-protection", "2026-11-24T02-20-02-456Z", """
                [{"id":"localhost-host-rebinding-rejected","description":"rejects","status":"FAILURE",
                  "errorMessage":"Expected HTTP 4xx for invalid Host/Origin headers, got 200"},
                 {"id":"localhost-host-valid-accepted","description":"accepts","status":"SUCCESS"}]""");
        checks("server-sse-polling", "2026-11-24T02-20-03-789Z", """
                [{"id":"server-sse-retry-field","description":"retry","status":"WARNING","errorMessage":"no retry"}]""");
        List<String> stdout = List.of(
                "=== SUMMARY ===",
                "✓ ping: 1 passed, 0 failed",
                "✗ dns-rebinding-protection: 1 passed, 1 failed",
                "✓ server-sse-polling: 0 passed, 0 failed",
                "✗ tools-list: 0 passed, 1 failed",
                "Total: 2 passed, 2 failed");

        ConformanceReport report = ConformanceRunner.parse(URL, results, stdout, results.resolve("stdout.log"));

        assertThat(report.scenarios().keySet())
                .containsExactly("ping", "dns-rebinding-protection", "server-sse-polling", "tools-list");
        assertThat(report.passed()).containsExactly("ping", "server-sse-polling");
        assertThat(report.failed()).containsExactly("dns-rebinding-protection", "tools-list");
        assertThat(report.scenario("dns-rebinding-protection").failures())
                .extracting(ScenarioResult.Check::errorMessage)
                .containsExactly("Expected HTTP 4xx for invalid Host/Origin headers, got 200");
        assertThat(report.scenario("server-sse-polling").warnings()).hasSize(1);
        assertThat(report.scenario("tools-list").failures().get(0).description())
                .contains("crashed before writing checks.json");
    }

    @Test
    void aSingleScenarioRunIsReadFromItsChecksFile() throws Exception {
        checks("tools-list", "2026-11-24T02-20-01-123Z", """
                [{"id":"tools-list","description":"lists","status":"FAILURE","errorMessage":"Tool 0: missing name"}]""");
        List<String> stdout = List.of("Passed: 0/1, 1 failed, 0 warnings");

        ConformanceReport report =
                ConformanceRunner.parse(URL, results, stdout, results.resolve("stdout.log"), "tools-list");

        assertThat(report.failed()).containsExactly("tools-list");
        assertThat(report.scenario("tools-list").failures().get(0).errorMessage())
                .isEqualTo("Tool 0: missing name");
    }

    @Test
    void noSummaryMeansTheSuiteCrashed() {
        assertThatThrownBy(() -> ConformanceRunner.parse(
                        URL,
                        results,
                        List.of("TypeError: fs.globSync is not a function"),
                        results.resolve("stdout.log")))
                .isInstanceOf(ConformanceRunner.ConformanceRunException.class)
                .hasMessageContaining("printed no summary")
                .hasMessageContaining("fs.globSync");
    }

    @Test
    void comparisonNamesEveryDifference() {
        Map<String, ScenarioResult> scenarios = new LinkedHashMap<>();
        scenarios.put("ping", pass("ping"));
        scenarios.put("tools-list", fail("tools-list", "tools-list: Tool 0: missing description"));
        scenarios.put("dns-rebinding-protection", pass("dns-rebinding-protection"));
        scenarios.put("brand-new", pass("brand-new"));
        ConformanceReport report = new ConformanceReport(URL, scenarios, results);

        Map<String, Outcome> expected = new LinkedHashMap<>();
        expected.put("ping", Outcome.PASS);
        expected.put("tools-list", Outcome.PASS);
        expected.put("dns-rebinding-protection", Outcome.FAIL);
        expected.put("prompts-list", Outcome.PASS);

        ConformanceReport.Comparison comparison = report.compareTo(expected);
        assertThat(comparison.matches()).isFalse();
        assertThat(comparison.regressions())
                .singleElement()
                .asString()
                .contains("tools-list")
                .contains("missing description");
        assertThat(comparison.unexpectedPasses()).containsExactly("dns-rebinding-protection");
        assertThat(comparison.missing()).containsExactly("prompts-list");
        assertThat(comparison.unexpected()).containsExactly("brand-new");
        assertThat(comparison.describe()).contains("regressions (expected pass, got fail)");

        assertThat(report.compareTo(report.outcomes()).matches()).isTrue();
    }

    @Test
    void expectationsRoundTripAndRejectBadValues() {
        Map<String, ScenarioResult> scenarios = Map.of("ping", pass("ping"), "tools-list", fail("tools-list", "x"));
        String json = new ConformanceReport(URL, scenarios, results).toExpectationsJson();
        Map<String, Outcome> read = ConformanceReport.readExpectations(stream(json));
        assertThat(read)
                .containsEntry("ping", Outcome.PASS)
                .containsEntry("tools-list", Outcome.FAIL)
                .hasSize(2);

        assertThatThrownBy(() -> ConformanceReport.readExpectations(stream("{\"ping\":\"passed\"}")))
                .hasMessageContaining("expected \"pass\" or \"fail\"");
        assertThatThrownBy(() -> ConformanceReport.readExpectations(stream("[\"ping\"]")))
                .hasMessageContaining("expected a JSON object");
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private void checks(String scenario, String timestamp, String json) throws Exception {
        Path dir = Files.createDirectories(results.resolve("server-" + scenario + "-" + timestamp));
        Files.writeString(dir.resolve("checks.json"), json);
    }

    private static ScenarioResult pass(String name) {
        return new ScenarioResult(name, Outcome.PASS, List.of(), List.of());
    }

    private static ScenarioResult fail(String name, String message) {
        return new ScenarioResult(
                name, Outcome.FAIL, List.of(new ScenarioResult.Check(name, name, message)), List.of());
    }
}
