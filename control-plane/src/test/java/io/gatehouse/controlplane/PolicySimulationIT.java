package io.gatehouse.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.domain.policy.PolicyBundleMapping;
import io.gatehouse.engine.match.IpAddresses;
import io.gatehouse.engine.match.RequestContext;
import io.gatehouse.engine.policy.PolicyDecision;
import io.gatehouse.engine.policy.PolicyEngine;
import io.gatehouse.engine.policy.PolicySet;
import io.gatehouse.protocol.api.Effect;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRequest;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.PolicySimulation;
import io.gatehouse.protocol.api.PolicySimulationRequest;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleSubjects;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.SimulatedPrincipal;
import io.gatehouse.protocol.api.TimeWindow;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.bundle.BundleMetadata;
import io.gatehouse.protocol.bundle.McpServer;
import io.gatehouse.protocol.bundle.UpstreamAuth;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.InvalidRequestException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code policies:simulate} through the SDK on real PostgreSQL, checked against what an agent decides
 * from the same policies after they travel in a bundle (encoded, decoded, compiled as the agent does).
 */
class PolicySimulationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    // a Tuesday, 11:15 in Berlin
    private static final Instant WORK = Instant.parse("2026-11-24T10:15:00Z");
    private static final Instant NIGHT = Instant.parse("2026-11-24T23:15:00Z");

    private final ControlPlaneFixture cp = ControlPlaneFixture.get();

    private static PolicySimulationRequest call(
            Server server,
            String subject,
            List<String> groups,
            String tool,
            Map<String, Object> args,
            String ip,
            Instant time) {
        return new PolicySimulationRequest(
                new SimulatedPrincipal(
                        subject,
                        "https://idp.example",
                        "ide",
                        groups,
                        List.of(),
                        JSON.valueToTree(Map.of("dept", "eng"))),
                server.id(),
                null,
                tool,
                JSON.valueToTree(args),
                null,
                ip,
                Map.of("x-device-posture", List.of("managed")),
                time);
    }

    @Test
    void simulateAnswersWithTheRuleAndReasonAnAgentWouldEnforce() throws Exception {
        Gatehouse admin = cp.newTenant("simulate").owner();
        Server files = admin.servers().create(Fixtures.server("Files"));
        admin.policies()
                .create(new PolicyRequest(
                        "guardrails",
                        "baseline",
                        10,
                        PolicyMode.ENFORCE,
                        true,
                        List.of(
                                new PolicyRule(
                                        "no-contractor-deletes",
                                        "contractors never delete",
                                        new RuleSubjects(null, List.of("contractors"), null, null),
                                        new RuleTargets(List.of(files.id()), List.of("delete_*"), null),
                                        null,
                                        Effect.DENY),
                                new PolicyRule(
                                        "office-network",
                                        "engineers from the office during work hours",
                                        new RuleSubjects(null, null, null, Map.of("dept", "eng")),
                                        null,
                                        new RuleConditions(
                                                "!args.path.startsWith('/etc/')",
                                                List.of("10.0.0.0/8"),
                                                new TimeWindow(
                                                        List.of("mon", "tue", "wed", "thu", "fri"),
                                                        "09:00",
                                                        "17:00",
                                                        "Europe/Berlin"),
                                                Map.of("x-device-posture", "managed")),
                                        Effect.ALLOW))));
        admin.policies()
                .create(new PolicyRequest(
                        "trial",
                        "shadow first",
                        5,
                        PolicyMode.SHADOW,
                        true,
                        List.of(new PolicyRule(
                                "no-reads-of-secrets",
                                null,
                                null,
                                new RuleTargets(null, List.of("read_*"), null),
                                new RuleConditions("args.path.contains('secret')", null, null, null),
                                Effect.DENY))));

        Map<String, Object> report = Map.of("path", "/srv/report.txt");
        Map<String, Object> secret = Map.of("path", "/srv/secret.txt");
        List<PolicySimulationRequest> table = List.of(
                call(files, "alice", List.of("eng"), "read_file", report, "10.1.2.3", WORK),
                call(files, "alice", List.of("eng"), "read_file", report, "192.0.2.9", WORK),
                call(files, "alice", List.of("eng"), "read_file", report, "10.1.2.3", NIGHT),
                call(files, "alice", List.of("eng"), "read_file", Map.of("path", "/etc/passwd"), "10.1.2.3", WORK),
                call(files, "bob", List.of("contractors"), "delete_file", report, "10.1.2.3", WORK),
                call(files, "alice", List.of("eng"), "read_file", secret, "10.1.2.3", WORK));

        PolicySimulation allowed = admin.policies().simulate(table.get(0));
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.ruleId()).endsWith(":office-network");
        assertThat(allowed.reason()).isEqualTo("POLICY_RULE_ALLOW");
        assertThat(allowed.matched()).contains("source 10.0.0.0/8", "claim dept=eng");
        assertThat(allowed.policyDefault()).isEqualTo(Effect.DENY);
        assertThat(allowed.rules()).isEqualTo(3);

        PolicySimulation outside = admin.policies().simulate(table.get(1));
        assertThat(outside.allowed()).isFalse();
        assertThat(outside.ruleId()).isEqualTo("default");
        assertThat(outside.reason()).isEqualTo("POLICY_DEFAULT_DENY");

        PolicySimulation contractor = admin.policies().simulate(table.get(4));
        assertThat(contractor.effect()).isEqualTo(Effect.DENY);
        assertThat(contractor.ruleId()).endsWith(":no-contractor-deletes");
        assertThat(contractor.reason()).isEqualTo("POLICY_RULE_DENY");
        assertThat(contractor.message()).contains("contractors never delete");

        PolicySimulation shadow = admin.policies().simulate(table.get(5));
        assertThat(shadow.allowed()).isTrue();
        assertThat(shadow.shadow()).isNotNull();
        assertThat(shadow.shadow().ruleId()).endsWith(":no-reads-of-secrets");
        assertThat(shadow.shadow().effect()).isEqualTo(Effect.DENY);

        // what an agent decides from the same policies after they travel in a bundle
        PolicyEngine agent = agentEngine(admin, files);
        for (PolicySimulationRequest request : table) {
            PolicySimulation simulated = admin.policies().simulate(request);
            PolicyDecision enforced = agent.decide(context(request));
            assertThat(simulated.allowed()).as(request.toString()).isEqualTo(enforced.allowed());
            assertThat(simulated.ruleId()).as(request.toString()).isEqualTo(enforced.ruleId());
            assertThat(simulated.reason()).as(request.toString()).isEqualTo(enforced.reason());
            assertThat(simulated.matched()).as(request.toString()).isEqualTo(enforced.matched());
        }
    }

    @Test
    void aTenantWithoutPoliciesGetsTheImpliedAllowAndBadInputNamesTheField() {
        Gatehouse admin = cp.newTenant("simulate-empty").owner();
        Server server = admin.servers().create(Fixtures.server("Plain"));
        PolicySimulation open =
                admin.policies().simulate(call(server, "alice", List.of(), "echo", Map.of(), null, null));
        assertThat(open.allowed()).isTrue();
        assertThat(open.reason()).isEqualTo("POLICY_DEFAULT_ALLOW");
        assertThat(open.rules()).isZero();

        assertThatThrownBy(() -> admin.policies()
                        .simulate(new PolicySimulationRequest(
                                null, "not-a-server", "tools/call", null, null, null, "10.0.0.300", null, null)))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.fieldErrors())
                                .extracting(f -> f.field())
                                .containsExactlyInAnyOrder("serverId", "tool", "sourceIp"));
    }

    @Test
    void aRuleTheEngineCannotCompileIsRefusedWithTheApiField() {
        Gatehouse admin = cp.newTenant("simulate-invalid").owner();
        assertThatThrownBy(() -> admin.policies()
                        .create(new PolicyRequest(
                                "bad",
                                null,
                                1,
                                PolicyMode.ENFORCE,
                                true,
                                List.of(new PolicyRule(
                                        "host-bits",
                                        null,
                                        null,
                                        null,
                                        new RuleConditions("args.size() > 1", List.of("10.0.0.1/8"), null, null),
                                        Effect.DENY)))))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.fieldErrors())
                                .extracting(f -> f.field())
                                .containsAnyOf("rules[0].conditions.sourceCidrs", "rules[0].conditions.cel"));
        assertThat(admin.policies().list().items()).isEmpty();
    }

    /** The agent's path: CP policies → bundle → canonical JSON → decode → {@code PolicySet.of(bundle)}. */
    private static PolicyEngine agentEngine(Gatehouse admin, Server server) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        McpServer mcp = new McpServer(
                server.id(),
                server.name(),
                server.slug(),
                URI.create(server.upstreamUrl()),
                McpServer.Transport.STREAMABLE_HTTP,
                URI.create("https://gateway.example/mcp/" + server.slug()),
                List.of(),
                List.of(),
                List.of(),
                McpServer.UnboundTools.ALLOW,
                new UpstreamAuth.None(),
                McpServer.Status.ACTIVE);
        Bundle bundle = new Bundle(
                new BundleMetadata("t-sim", "default", 1, 1, now, now.plus(1, ChronoUnit.DAYS)),
                List.of(mcp),
                List.of(),
                List.of(),
                List.of(),
                PolicyBundleMapping.rules(admin.policies().list().items()),
                List.of(),
                List.of(),
                List.of());
        Bundle received = BundleCodec.decode(BundleCodec.canonicalJson(bundle));
        return PolicyEngine.compile(PolicySet.of(received));
    }

    @SuppressWarnings("unchecked")
    private static RequestContext context(PolicySimulationRequest r) {
        SimulatedPrincipal p = r.principal();
        return RequestContext.builder(
                        r.serverId(),
                        "tools/call",
                        IpAddresses.toInetAddress(
                                IpAddresses.parse(r.sourceIp()).orElseThrow()),
                        r.time())
                .principal(
                        p.subject(),
                        p.issuer(),
                        p.clientId(),
                        java.util.Set.copyOf(p.groups()),
                        java.util.Set.copyOf(p.scopes()),
                        JSON.convertValue(p.claims(), Map.class))
                .toolName(r.tool())
                .arguments(r.arguments())
                .headers(r.headers())
                .build();
    }
}
