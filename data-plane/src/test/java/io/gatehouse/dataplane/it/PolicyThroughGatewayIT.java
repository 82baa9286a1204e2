package io.gatehouse.dataplane.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.dataplane.DataPlaneMain;
import io.gatehouse.dataplane.DataPlaneServer;
import io.gatehouse.dataplane.bundle.BundleStore;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.support.RawMcp;
import io.gatehouse.dataplane.support.RecordingUpstream;
import io.gatehouse.dataplane.support.TestBundles;
import io.gatehouse.dataplane.support.TestIssuer;
import io.gatehouse.protocol.bundle.ArgumentGuardSpec;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.KillSwitch;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.PolicyRule;
import io.gatehouse.protocol.bundle.PolicyRule.Effect;
import io.gatehouse.protocol.bundle.PolicyRule.Mode;
import io.gatehouse.protocol.bundle.RateLimit;
import io.gatehouse.protocol.bundle.ToolBinding;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps 5–7 through a real {@link DataPlaneServer}: policy rules, shadow mode, argument guards, rate
 * limits and a kill switch closing an open SSE stream, with a real issuer and a real MCP SDK
 * upstream.
 */
class PolicyThroughGatewayIT {

    static final String RESOURCE = "http://127.0.0.1:9090/mcp/tools";

    @TempDir
    static Path dir;

    static TestIssuer issuer;
    static RecordingUpstream upstream;
    static DataPlaneServer gateway;
    static RawMcp raw;
    static McpServer server;
    static long version = 1;

    @BeforeAll
    static void start() throws Exception {
        issuer = TestIssuer.start();
        upstream = RecordingUpstream.start();
        upstream.addTool("fetch");
        upstream.addTool("limited");
        server = TestBundles.server("tools", upstream.url(), List.of(), McpServer.UnboundTools.DENY);
        DataPlaneConfig config = ConfigLoader.parse(
                """
                bundleFile: %s
                listener: {host: 127.0.0.1, port: 0}
                admin: {host: 127.0.0.1, port: 0}
                audit: {file: %s}
                """.formatted(TestBundles.write(bundle(List.of()), dir), dir.resolve("audit.jsonl")),
                System::getenv,
                dir);
        gateway = DataPlaneMain.create(config);
        gateway.start();
        raw = new RawMcp(gateway.mcpBaseUri().resolve("/mcp/tools"));
    }

    @AfterAll
    static void stop() throws Exception {
        raw.close();
        gateway.close();
        upstream.close();
        issuer.close();
    }

    /** The bundle under test, with a new version each time; {@code kills} engaged. */
    static Bundle bundle(List<KillSwitch> kills) {
        ToolBinding fetch = new ToolBinding(
                "b-fetch",
                server.id(),
                "fetch",
                List.of(),
                ToolBinding.Risk.READ,
                List.of("url"),
                List.of(new ArgumentGuardSpec(
                        "url", ArgumentGuardSpec.Kind.URL, List.of("example.com"), null, null, false, null)));
        List<PolicyRule> rules = List.of(
                new PolicyRule(
                        "deny-mallory",
                        1,
                        Effect.DENY,
                        Mode.ENFORCE,
                        "mallory is suspended",
                        null,
                        null,
                        List.of("tools/call"),
                        null,
                        "principal.subject == 'mallory'"),
                new PolicyRule(
                        "shadow-no-echo",
                        2,
                        Effect.DENY,
                        Mode.SHADOW,
                        "trial: stop echo",
                        null,
                        List.of("echo"),
                        null,
                        null,
                        null),
                new PolicyRule(
                        "allow-tools",
                        100,
                        Effect.ALLOW,
                        Mode.ENFORCE,
                        null,
                        List.of(server.id()),
                        null,
                        null,
                        null,
                        null));
        RateLimit limited = new RateLimit(
                "limited-per-principal",
                List.of(RateLimit.KeyDimension.PRINCIPAL, RateLimit.KeyDimension.TOOL),
                server.id(),
                "limited",
                2,
                1,
                Duration.ofHours(1),
                RateLimit.FailureMode.CLOSED);
        return new Bundle(
                TestBundles.metadata(version++),
                List.of(server),
                List.of(TestBundles.idp(issuer.issuer(), issuer.jwksUri())),
                TestBundles.scopes(),
                List.of(
                        TestBundles.binding("b-echo", server.id(), "echo", List.of()),
                        TestBundles.binding("b-slow", server.id(), "slow_count", List.of()),
                        TestBundles.binding("b-limited", server.id(), "limited", List.of()),
                        TestBundles.binding("b-delete", server.id(), "delete_file", List.of()),
                        fetch),
                rules,
                List.of(),
                List.of(limited),
                kills,
                Effect.DENY);
    }

    static String token(String subject) {
        return issuer.token(subject, RESOURCE, "mcp:connect");
    }

    static RawMcp.Reply call(String token, String session, String tool, String arguments) throws Exception {
        return raw.post(
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                        + "\",\"arguments\":" + arguments + "}}",
                token,
                session,
                Map.of("MCP-Protocol-Version", "2025-11-25"));
    }

    @Test
    void aDenyRuleAnswersWithTheRuleAndReasonAndAnAllowRuleLetsTheCallThrough() throws Exception {
        String alice = token("alice");
        String session = raw.initialize(alice);
        RawMcp.Reply ok = call(alice, session, "delete_file", "{\"path\":\"/tmp/x\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().at("/result/content/0/text").asText()).isEqualTo("deleted /tmp/x");

        String mallory = token("mallory");
        String malSession = raw.initialize(mallory); // initialize is not a tools/call: the rule does not apply
        RawMcp.Reply denied = call(mallory, malSession, "delete_file", "{\"path\":\"/tmp/x\"}");
        assertThat(denied.status()).isEqualTo(403);
        JsonNode error = denied.json().get("error");
        assertThat(error.at("/data/error").asText()).isEqualTo("POLICY_DENIED");
        assertThat(error.at("/data/reason").asText()).isEqualTo("POLICY_RULE_DENY");
        assertThat(error.at("/data/ruleId").asText()).isEqualTo("deny-mallory");
        assertThat(error.at("/data/bundleVersion").asLong()).isEqualTo(gatewayVersion());
        assertThat(error.get("message").asText()).contains("mallory is suspended");
    }

    @Test
    void aShadowRuleIsRecordedButNotEnforced() throws Exception {
        String bob = token("bob");
        String session = raw.initialize(bob);
        long before = metric("gatehouse_dp_policy_shadow_denials");
        RawMcp.Reply echo = call(bob, session, "echo", "{\"message\":\"hi\"}");
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.json().at("/result/content/0/text").asText()).isEqualTo("hi");
        assertThat(metric("gatehouse_dp_policy_shadow_denials")).isEqualTo(before + 1);
    }

    @Test
    void anArgumentGuardStopsAnSsrfAttemptBeforeTheUpstream() throws Exception {
        String carol = token("carol");
        String session = raw.initialize(carol);
        RawMcp.Reply metadata = call(carol, session, "fetch", "{\"url\":\"http://169.254.169.254/latest/\"}");
        assertThat(metadata.status()).isEqualTo(403);
        assertThat(metadata.json().at("/error/data/error").asText()).isEqualTo("ARGUMENT_DENIED");
        assertThat(metadata.json().at("/error/data/reason").asText()).isEqualTo("URL_METADATA_ADDRESS");
        assertThat(metadata.json().at("/error/data/ruleId").asText()).isEqualTo("b-fetch:url");

        RawMcp.Reply elsewhere = call(carol, session, "fetch", "{\"url\":\"http://93.184.215.14/\"}");
        assertThat(elsewhere.json().at("/error/data/reason").asText()).isEqualTo("URL_DOMAIN_NOT_ALLOWED");
        assertThat(call(carol, session, "fetch", "{\"url\":\"https://example.com/x\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aRateLimitAnswersWithRetryAfter() throws Exception {
        String dave = token("dave");
        String session = raw.initialize(dave);
        assertThat(call(dave, session, "limited", "{}").status()).isEqualTo(200);
        assertThat(call(dave, session, "limited", "{}").status()).isEqualTo(200);
        RawMcp.Reply third = call(dave, session, "limited", "{}");
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().at("/error/data/error").asText()).isEqualTo("RATE_LIMITED");
        assertThat(third.json().at("/error/data/limitId").asText()).isEqualTo("limited-per-principal");
        long retryAfter = third.json().at("/error/data/retryAfterSeconds").asLong();
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(third.header("Retry-After")).isEqualTo(Long.toString(retryAfter));
        // another principal has its own bucket
        String erin = token("erin");
        assertThat(call(erin, raw.initialize(erin), "limited", "{}").status()).isEqualTo(200);
    }

    @Test
    void aKillSwitchClosesAnOpenStreamAndDeniesNewCalls() throws Exception {
        String frank = token("frank");
        String session = raw.initialize(frank);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest slow = HttpRequest.newBuilder(gateway.mcpBaseUri().resolve("/mcp/tools"))
                .header("Authorization", "Bearer " + frank)
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25")
                .header("Accept", "application/json, text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"slow_count\",\"arguments\":{\"n\":200},"
                        + "\"_meta\":{\"progressToken\":\"p-9\"}}}"))
                .build();
        HttpResponse<InputStream> stream = http.send(slow, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null && !line.contains("progress")) {
            lines.add(line);
        }
        assertThat(line).as("a progress event arrived: the stream is open").isNotNull();

        long started = System.nanoTime();
        KillSwitch kill = new KillSwitch("ks-slow", KillSwitch.Scope.TOOL, server.id(), "slow_*", "runaway loop");
        assertThat(gateway.bundles().apply(bundle(List.of(kill)))).isEqualTo(BundleStore.Outcome.APPLIED);
        CompletableFuture<List<String>> rest = CompletableFuture.supplyAsync(() -> {
            List<String> tail = new ArrayList<>();
            try {
                String l;
                while ((l = reader.readLine()) != null) {
                    tail.add(l);
                }
            } catch (java.io.IOException e) {
                tail.add("closed: " + e);
            }
            return tail;
        });
        List<String> tail = rest.get(5, TimeUnit.SECONDS); // 200 x 150 ms would take 30 s
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(String.join("\n", tail)).doesNotContain("counted to");

        RawMcp.Reply again = call(frank, session, "slow_count", "{\"n\":1}");
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.json().at("/error/data/error").asText()).isEqualTo("KILL_SWITCH_ENGAGED");
        // other tools of the server still work
        assertThat(call(frank, session, "echo", "{\"message\":\"still here\"}").status())
                .isEqualTo(200);

        assertThat(gateway.bundles().apply(bundle(List.of()))).isEqualTo(BundleStore.Outcome.APPLIED);
        RawMcp.Reply lifted = call(frank, session, "slow_count", "{\"n\":1}");
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
    }

    static long gatewayVersion() {
        return gateway.bundles().current().metadata().version();
    }

    static long metric(String name) throws Exception {
        String text = raw.get(gateway.adminBaseUri().resolve("/metrics")).body();
        for (String l : text.split("\n")) {
            if (l.startsWith(name + " ")) {
                return (long) Double.parseDouble(l.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("metric " + name + " missing from\n" + text);
    }
}
