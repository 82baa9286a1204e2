package io.gatehouse.dataplane.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.dataplane.DataPlaneServer;
import io.gatehouse.dataplane.audit.JsonLinesAuditSink;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.support.TestBundles;
import io.gatehouse.devstack.mcp.ConformanceReport;
import io.gatehouse.devstack.mcp.ConformanceRunner;
import io.gatehouse.devstack.mcp.FixtureMcpServer;
import io.gatehouse.devstack.mcp.NpmMcpServer;
import io.gatehouse.devstack.mcp.ScenarioResult.Outcome;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.McpServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP conformance suite (0.1.16, {@code --suite all}) run THROUGH the gateway (auth-off test
 * profile) against two real upstreams. Per-scenario expectations live in
 * {@code src/test/resources/conformance}; any difference (a regression, or a stale entry) fails.
 */
class ConformanceThroughGatewayIT {

    @TempDir
    static Path dir;

    static FixtureMcpServer fixture;
    static NpmMcpServer everything;
    static DataPlaneServer gateway;

    @BeforeAll
    static void start() throws Exception {
        fixture = FixtureMcpServer.start();
        everything = NpmMcpServer.startEverything();
        Bundle bundle = TestBundles.bundle(
                1,
                List.of(
                        TestBundles.server("fixture", fixture.url(), List.of(), McpServer.UnboundTools.ALLOW),
                        TestBundles.server("everything", everything.url(), List.of(), McpServer.UnboundTools.ALLOW)),
                List.of(),
                List.of(),
                List.of());
        Path bundleFile = TestBundles.write(bundle, dir);
        DataPlaneConfig config = ConfigLoader.parse("""
                profile: test
                bundleFile: %s
                listener: {host: 127.0.0.1, port: 0}
                admin: {host: 127.0.0.1, port: 0}
                routes:
                  fixture: {auth: off}
                  everything: {auth: off}
                """.formatted(bundleFile), System::getenv, dir);
        gateway = new DataPlaneServer(
                config,
                issuers -> {
                    throw new IllegalStateException("no identity providers in this bundle");
                },
                (serverId, auth) -> (caller, token) -> Map.of(),
                JsonLinesAuditSink.toFile(dir.resolve("audit.jsonl")),
                Clock.systemUTC());
        gateway.start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (everything != null) {
            everything.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    static URI route(String slug) {
        return URI.create("http://localhost:" + gateway.mcpPort() + "/mcp/" + slug);
    }

    static Map<String, Outcome> expected(String name) throws Exception {
        try (InputStream in = ConformanceThroughGatewayIT.class.getResourceAsStream("/conformance/" + name)) {
            return ConformanceReport.readExpectations(in);
        }
    }

    static void check(ConformanceReport report, Map<String, Outcome> expected, String name) throws Exception {
        Path actual = Path.of("target", "conformance", name.replace(".json", ".actual.json"));
        Files.createDirectories(actual.getParent());
        Files.writeString(actual, report.toExpectationsJson());
        ConformanceReport.Comparison comparison = report.compareTo(expected);
        assertThat(comparison.matches()).as(comparison.describe()).isTrue();
        assertThat(report.scenarios()).hasSize(32);
    }

    @Test
    void allThirtyTwoScenariosPassThroughTheGatewayFrontingTheFixtureServer() throws Exception {
        Map<String, Outcome> expected = expected("fixture-through-gateway.json");
        assertThat(expected.values()).hasSize(32).containsOnly(Outcome.PASS);

        ConformanceReport report = ConformanceRunner.run(route("fixture"), Duration.ofMinutes(3));

        check(report, expected, "fixture-through-gateway.json");
        assertThat(report.failed()).isEmpty();
    }

    @Test
    void serverEverythingPassesWhatItPassesDirectlyPlusDnsRebindingProtection() throws Exception {
        Map<String, Outcome> expected = expected("server-everything-through-gateway.json");
        Map<String, Outcome> direct;
        try (InputStream in = getClass().getResourceAsStream("/conformance/server-everything-direct.json")) {
            direct = ConformanceReport.readExpectations(in);
        }
        direct.forEach((scenario, outcome) -> {
            if (outcome == Outcome.PASS) {
                assertThat(expected.get(scenario)).as(scenario).isEqualTo(Outcome.PASS);
            }
        });
        assertThat(direct.get("dns-rebinding-protection")).isEqualTo(Outcome.FAIL);
        assertThat(expected.get("dns-rebinding-protection")).isEqualTo(Outcome.PASS);

        ConformanceReport report = ConformanceRunner.run(route("everything"), Duration.ofMinutes(3));

        check(report, expected, "server-everything-through-gateway.json");
    }
}
