package io.gatehouse.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.engine.match.IpAddresses;
import io.gatehouse.engine.match.RequestContext;
import io.gatehouse.engine.policy.PolicyDecision.Reasons;
import io.gatehouse.protocol.bundle.ArgumentGuardSpec;
import io.gatehouse.protocol.bundle.PolicyRule;
import io.gatehouse.protocol.bundle.PolicyRule.Effect;
import io.gatehouse.protocol.bundle.PolicyRule.Mode;
import io.gatehouse.protocol.bundle.ToolBinding;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven: one deny rule per matcher, a request it matches and one it does not. */
class PolicyEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Tuesday 2026-11-24 10:15 UTC = 11:15 Europe/Berlin
    private static final Instant WORK_HOURS = Instant.parse("2026-11-24T10:15:30Z");
    private static final Instant NIGHT = Instant.parse("2026-11-24T23:15:30Z");
    // 18:30 Europe/Berlin
    private static final Instant EVENING = Instant.parse("2026-11-24T17:30:00Z");

    /** A mutable request description the table rows tweak. */
    record Call(
            String subject,
            String clientId,
            List<String> groups,
            Map<String, Object> claims,
            String server,
            String method,
            String tool,
            String resource,
            String args,
            String source,
            Map<String, List<String>> headers,
            Instant time) {

        static Call base() {
            return new Call(
                    "alice",
                    "ide",
                    List.of("engineering"),
                    Map.of("department", "R&D", "roles", List.of("reader", "writer")),
                    "srv-files",
                    "tools/call",
                    "read_file",
                    "",
                    "{\"path\":\"/srv/data/a.txt\",\"size\":3}",
                    "10.1.2.3",
                    Map.of("x-device-posture", List.of("compliant")),
                    WORK_HOURS);
        }

        RequestContext context() {
            InetAddress address =
                    IpAddresses.toInetAddress(IpAddresses.parse(source).orElseThrow());
            return RequestContext.builder(server, method, address, time)
                    .principal(
                            subject,
                            "https://idp.example",
                            clientId,
                            java.util.Set.copyOf(groups),
                            java.util.Set.of(),
                            claims)
                    .toolName(tool)
                    .resourceUri(resource)
                    .arguments(json(args))
                    .headers(headers)
                    .build();
        }

        Call with(UnaryOperator<Call> change) {
            return change.apply(this);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A deny rule with exactly one matcher set through {@code builder}. */
    static PolicyRule deny(String id, RuleShape shape) {
        return new PolicyRule(
                id,
                10,
                Effect.DENY,
                Mode.ENFORCE,
                null,
                shape.servers,
                shape.tools,
                shape.methods,
                shape.groups,
                shape.cel,
                shape.users,
                shape.clients,
                shape.claims,
                shape.resources,
                shape.cidrs,
                shape.windows,
                shape.headers);
    }

    /** The matcher settings of one rule; null/empty means "any". */
    record RuleShape(
            List<String> servers,
            List<String> tools,
            List<String> methods,
            List<String> groups,
            String cel,
            List<String> users,
            List<String> clients,
            Map<String, String> claims,
            List<String> resources,
            List<String> cidrs,
            List<String> windows,
            Map<String, String> headers) {
        static RuleShape any() {
            return new RuleShape(null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    static Stream<Arguments> matchers() {
        RuleShape a = RuleShape.any();
        return Stream.of(
                row(
                        "server",
                        shape(
                                a,
                                s -> new RuleShape(
                                        List.of("srv-files"),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                "srv-web",
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                c.headers,
                                c.time)),
                row(
                        "tool glob",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        List.of("read_*"),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                c.server,
                                c.method,
                                "write_file",
                                c.resource,
                                c.args,
                                c.source,
                                c.headers,
                                c.time)),
                row(
                        "method",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        List.of("tools/call"),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                c.server,
                                "resources/read",
                                "",
                                "file:///x",
                                c.args,
                                c.source,
                                c.headers,
                                c.time)),
                row(
                        "group",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        List.of("contractors", "engineering"),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                List.of("sales"),
                                c.claims,
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                c.headers,
                                c.time)),
                row(
                        "user",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        List.of("alice"),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                "bob",
                                c.clientId,
                                c.groups,
                                c.claims,
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                c.headers,
                                c.time)),
                row(
                        "client id",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        List.of("ide"),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                "cli",
                                c.groups,
                                c.claims,
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                c.headers,
                                c.time)),
                row(
                        "claim scalar",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        Map.of("department", "R&D"),
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                Map.of("department", "Sales"),
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                c.headers,
                                c.time)),
                row(
                        "claim array",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        Map.of("roles", "writer"),
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                Map.of("roles", List.of("reader")),
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                c.headers,
                                c.time)),
                row(
                        "resource glob",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        List.of("file:///etc/*"),
                                        null,
                                        null,
                                        null)),
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                c.server,
                                "resources/read",
                                "",
                                "file:///etc/passwd",
                                c.args,
                                c.source,
                                c.headers,
                                c.time),
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                c.server,
                                "resources/read",
                                "",
                                "file:///srv/x",
                                c.args,
                                c.source,
                                c.headers,
                                c.time)),
                row(
                        "source cidr",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        List.of("10.0.0.0/8", "2001:db8::/32"),
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                "192.0.2.10",
                                c.headers,
                                c.time)),
                row(
                        "time window",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        List.of("Mon-Fri 09:00-17:00 Europe/Berlin"),
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                c.headers,
                                NIGHT)),
                row(
                        "header glob",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        Map.of("X-Device-Posture", "compl*"))),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                Map.of("x-device-posture", List.of("unknown")),
                                c.time)),
                row(
                        "header present",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        Map.of("X-Device-Posture", "*"))),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                Map.of(),
                                c.time)),
                row(
                        "CEL on args",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        "args.path.startsWith('/srv/') && args.size < 10",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                "{\"path\":\"/srv/x\",\"size\":30}",
                                c.source,
                                c.headers,
                                c.time)),
                row(
                        "CEL on principal and tool",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        "'engineering' in principal.groups && tool.startsWith('read')",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                List.of(),
                                c.claims,
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                c.headers,
                                c.time)),
                row(
                        "CEL on time and source",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        "time.getHours('Europe/Berlin') < 18 && source.startsWith('10.')",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                c.server,
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                c.headers,
                                EVENING)),
                row(
                        "CEL on request",
                        shape(
                                a,
                                s -> new RuleShape(
                                        null,
                                        null,
                                        null,
                                        null,
                                        "request.server == 'srv-files' && request.headers['x-device-posture'][0] == 'compliant'",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)),
                        c -> c,
                        c -> new Call(
                                c.subject,
                                c.clientId,
                                c.groups,
                                c.claims,
                                "srv-web",
                                c.method,
                                c.tool,
                                c.resource,
                                c.args,
                                c.source,
                                c.headers,
                                c.time)));
    }

    private static RuleShape shape(RuleShape base, UnaryOperator<RuleShape> f) {
        return f.apply(base);
    }

    private static Arguments row(String name, RuleShape shape, UnaryOperator<Call> hit, UnaryOperator<Call> miss) {
        return Arguments.of(name, shape, hit, miss);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matchers")
    void eachMatcherDeniesWhatItMatchesAndOnlyThat(
            String name, RuleShape shape, UnaryOperator<Call> hit, UnaryOperator<Call> miss) {
        PolicyEngine engine = PolicyEngine.compile(new PolicySet(
                7, List.of(deny("r-" + name.replace(' ', '-'), shape)), List.of(), Effect.ALLOW));

        PolicyDecision denied = engine.decide(Call.base().with(hit).context());
        assertThat(denied.effect()).as(name + " matches").isEqualTo(Effect.DENY);
        assertThat(denied.reason()).isEqualTo(Reasons.RULE_DENY);
        assertThat(denied.ruleId()).isEqualTo("r-" + name.replace(' ', '-'));
        assertThat(denied.bundleVersion()).isEqualTo(7);
        assertThat(denied.matched()).isNotEmpty();

        PolicyDecision allowed = engine.decide(Call.base().with(miss).context());
        assertThat(allowed.effect()).as(name + " does not match").isEqualTo(Effect.ALLOW);
        assertThat(allowed.ruleId()).isEqualTo(PolicyEngine.DEFAULT_RULE_ID);
    }

    private static PolicyRule rule(String id, int priority, Effect effect, Mode mode, List<String> tools, String cel) {
        return new PolicyRule(id, priority, effect, mode, null, null, tools, null, null, cel);
    }

    @Test
    void defaultDenyWhenNoRuleAllowsAndTheFirstEnforcingMatchDecidesByPriority() {
        PolicyEngine engine = PolicyEngine.compile(new PolicySet(
                3,
                List.of(
                        rule("allow-read", 20, Effect.ALLOW, Mode.ENFORCE, List.of("read_*"), null),
                        rule("deny-secret", 10, Effect.DENY, Mode.ENFORCE, List.of("read_secret"), null)),
                List.of(),
                Effect.DENY));

        assertThat(engine.decide(Call.base().context()))
                .extracting(PolicyDecision::effect, PolicyDecision::ruleId, PolicyDecision::reason)
                .containsExactly(Effect.ALLOW, "allow-read", Reasons.RULE_ALLOW);
        Call secret = Call.base()
                .with(c -> new Call(
                        c.subject(),
                        c.clientId(),
                        c.groups(),
                        c.claims(),
                        c.server(),
                        c.method(),
                        "read_secret",
                        c.resource(),
                        c.args(),
                        c.source(),
                        c.headers(),
                        c.time()));
        assertThat(engine.decide(secret.context()).ruleId()).isEqualTo("deny-secret");
        Call write = Call.base()
                .with(c -> new Call(
                        c.subject(),
                        c.clientId(),
                        c.groups(),
                        c.claims(),
                        c.server(),
                        c.method(),
                        "write_file",
                        c.resource(),
                        c.args(),
                        c.source(),
                        c.headers(),
                        c.time()));
        PolicyDecision byDefault = engine.decide(write.context());
        assertThat(byDefault.effect()).isEqualTo(Effect.DENY);
        assertThat(byDefault.reason()).isEqualTo(Reasons.DEFAULT_DENY);
        assertThat(byDefault.ruleId()).isEqualTo("default");
    }

    @Test
    void plumbingMethodsAreNotSubjectToTheDefaultButRulesStillApply() {
        PolicyEngine engine = PolicyEngine.compile(new PolicySet(
                1,
                List.of(new PolicyRule(
                        "no-contractors",
                        1,
                        Effect.DENY,
                        Mode.ENFORCE,
                        null,
                        null,
                        null,
                        null,
                        List.of("contractors"),
                        null)),
                List.of(),
                Effect.DENY));
        Call init = Call.base()
                .with(c -> new Call(
                        c.subject(),
                        c.clientId(),
                        c.groups(),
                        c.claims(),
                        c.server(),
                        "initialize",
                        "",
                        "",
                        "{}",
                        c.source(),
                        c.headers(),
                        c.time()));
        PolicyDecision decision = engine.decide(init.context());
        assertThat(decision.effect()).isEqualTo(Effect.ALLOW);
        assertThat(decision.reason()).isEqualTo(Reasons.NOT_GOVERNED);

        Call contractorInit = init.with(c -> new Call(
                c.subject(),
                c.clientId(),
                List.of("contractors"),
                c.claims(),
                c.server(),
                c.method(),
                c.tool(),
                c.resource(),
                c.args(),
                c.source(),
                c.headers(),
                c.time()));
        assertThat(engine.decide(contractorInit.context()).effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void shadowRulesAreRecordedButNotEnforced() {
        PolicyEngine engine = PolicyEngine.compile(new PolicySet(
                4,
                List.of(
                        rule("shadow-deny-read", 1, Effect.DENY, Mode.SHADOW, List.of("read_*"), null),
                        rule("allow-all", 5, Effect.ALLOW, Mode.ENFORCE, null, null)),
                List.of(),
                Effect.DENY));

        PolicyDecision decision = engine.decide(Call.base().context());

        assertThat(decision.effect()).isEqualTo(Effect.ALLOW);
        assertThat(decision.ruleId()).isEqualTo("allow-all");
        assertThat(decision.shadow()).hasValueSatisfying(shadow -> {
            assertThat(shadow.ruleId()).isEqualTo("shadow-deny-read");
            assertThat(shadow.effect()).isEqualTo(Effect.DENY);
            assertThat(shadow.reason()).isEqualTo(Reasons.SHADOW_DENY);
            assertThat(shadow.matched()).containsExactly("tool read_*");
        });
    }

    @Test
    void aFailingConditionFailsClosed() {
        // args.missing does not exist: evaluation fails
        PolicyEngine denyEngine = PolicyEngine.compile(new PolicySet(
                1,
                List.of(rule("deny-odd", 1, Effect.DENY, Mode.ENFORCE, null, "args.missing == 'x'")),
                List.of(),
                Effect.ALLOW));
        PolicyDecision denied = denyEngine.decide(Call.base().context());
        assertThat(denied.effect()).isEqualTo(Effect.DENY);
        assertThat(denied.reason()).isEqualTo(Reasons.CONDITION_ERROR);

        PolicyEngine allowEngine = PolicyEngine.compile(new PolicySet(
                1,
                List.of(rule("allow-odd", 1, Effect.ALLOW, Mode.ENFORCE, null, "args.missing == 'x'")),
                List.of(),
                Effect.DENY));
        PolicyDecision notAllowed = allowEngine.decide(Call.base().context());
        assertThat(notAllowed.effect()).isEqualTo(Effect.DENY);
        assertThat(notAllowed.reason()).isEqualTo(Reasons.DEFAULT_DENY);
    }

    @Test
    void argumentGuardsOfMatchingBindingsDenyAnAllowedCall() {
        ToolBinding files = new ToolBinding(
                "tb-read",
                "srv-files",
                "read_*",
                List.of(),
                ToolBinding.Risk.READ,
                List.of("path"),
                List.of(new ArgumentGuardSpec(
                        "path", ArgumentGuardSpec.Kind.PATH, List.of("/srv/data/**"), null, null, null, null)));
        ToolBinding web = new ToolBinding(
                "tb-fetch",
                "srv-files",
                "fetch",
                List.of(),
                ToolBinding.Risk.READ,
                List.of(),
                List.of(new ArgumentGuardSpec(
                        "/request/url", ArgumentGuardSpec.Kind.URL, List.of(), null, null, false, null)));
        PolicyEngine engine = PolicyEngine.compile(new PolicySet(2, List.of(), List.of(files, web), Effect.ALLOW));

        assertThat(engine.decide(Call.base().context()).allowed()).isTrue();
        PolicyDecision climb = engine.decide(Call.base()
                .with(c -> new Call(
                        c.subject(),
                        c.clientId(),
                        c.groups(),
                        c.claims(),
                        c.server(),
                        c.method(),
                        c.tool(),
                        c.resource(),
                        "{\"path\":\"/srv/data/../../etc/passwd\"}",
                        c.source(),
                        c.headers(),
                        c.time()))
                .context());
        assertThat(climb.effect()).isEqualTo(Effect.DENY);
        assertThat(climb.ruleId()).isEqualTo("tb-read:path");
        assertThat(climb.reason()).startsWith("PATH_");
        assertThat(climb.message()).doesNotContain("etc/passwd");

        PolicyDecision metadata = engine.decide(Call.base()
                .with(c -> new Call(
                        c.subject(),
                        c.clientId(),
                        c.groups(),
                        c.claims(),
                        c.server(),
                        c.method(),
                        "fetch",
                        c.resource(),
                        "{\"request\":{\"url\":\"http://169.254.169.254/latest/meta-data\"}}",
                        c.source(),
                        c.headers(),
                        c.time()))
                .context());
        assertThat(metadata.ruleId()).isEqualTo("tb-fetch:/request/url");
        assertThat(metadata.reason()).isEqualTo("URL_METADATA_ADDRESS");

        PolicyDecision missing = engine.decide(Call.base()
                .with(c -> new Call(
                        c.subject(),
                        c.clientId(),
                        c.groups(),
                        c.claims(),
                        c.server(),
                        c.method(),
                        "fetch",
                        c.resource(),
                        "{}",
                        c.source(),
                        c.headers(),
                        c.time()))
                .context());
        assertThat(missing.reason()).isEqualTo("ARG_MISSING");
    }

    @Test
    void compileErrorsNameTheRuleAndTheSetting() {
        assertThatThrownBy(() -> PolicyEngine.compile(new PolicySet(
                        1,
                        List.of(rule("bad-cel", 1, Effect.DENY, Mode.ENFORCE, null, "args.path.startsWith(")),
                        List.of(),
                        Effect.DENY)))
                .isInstanceOf(PolicyCompileException.class)
                .hasMessageStartingWith("policies[bad-cel].condition: ");
        PolicyRule badWindow = new PolicyRule(
                "bad-window",
                1,
                Effect.DENY,
                Mode.ENFORCE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("Mon-Fri 09:00-17:00 Mars/Olympus"),
                null);
        assertThatThrownBy(() -> PolicyEngine.compile(new PolicySet(1, List.of(badWindow), List.of(), Effect.DENY)))
                .isInstanceOf(PolicyCompileException.class)
                .hasMessageStartingWith("policies[bad-window].timeWindows[0]: ");
        PolicyRule badCidr = new PolicyRule(
                "bad-cidr",
                1,
                Effect.DENY,
                Mode.ENFORCE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("10.0.0.1/8"),
                null,
                null);
        assertThatThrownBy(() -> PolicyEngine.compile(new PolicySet(1, List.of(badCidr), List.of(), Effect.DENY)))
                .isInstanceOf(PolicyCompileException.class)
                .hasMessageStartingWith("policies[bad-cidr].sourceCidrs: ");
    }

    @Test
    void withoutAStatedDefaultAnyRuleMakesItDenyAndNoRulesAllow() {
        assertThat(PolicySet.impliedDefault(List.of())).isEqualTo(Effect.ALLOW);
        PolicyRule one = rule("deny-delete", 1, Effect.DENY, Mode.ENFORCE, List.of("delete_*"), null);
        assertThat(PolicySet.impliedDefault(List.of(one))).isEqualTo(Effect.DENY);

        PolicyEngine open =
                PolicyEngine.compile(new PolicySet(1, List.of(), List.of(), PolicySet.impliedDefault(List.of())));
        PolicyDecision decision = open.decide(Call.base().context());
        assertThat(decision.reason()).isEqualTo(Reasons.DEFAULT_ALLOW);
        assertThat(decision.matched()).isEmpty();
        assertThat(decision.shadow()).isEmpty();
    }
}
