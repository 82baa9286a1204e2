package io.gatehouse.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.engine.match.CelCondition;
import io.gatehouse.engine.match.CidrMatcher;
import io.gatehouse.engine.match.GlobMatcher;
import io.gatehouse.engine.match.IpAddresses;
import io.gatehouse.engine.match.RequestContext;
import io.gatehouse.engine.match.TimeWindow;
import io.gatehouse.engine.policy.PolicyDecision.Reasons;
import io.gatehouse.engine.policy.PolicyDecision.Shadow;
import io.gatehouse.protocol.bundle.PolicyRule;
import io.gatehouse.protocol.bundle.PolicyRule.Effect;
import io.gatehouse.protocol.bundle.PolicyRule.Mode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The indexed engine ({@link PolicyEngine#decide}: candidates by server and literal tool name,
 * values derived once per request) against a straightforward reference written here from the
 * documented semantics: every rule in priority order (ties in list order), each condition checked
 * directly with the public matchers, nothing cached. Random rule sets (shadow rules, equal
 * priorities, CEL conditions that fail, both tenant defaults) and random requests must get equal
 * decisions: effect, rule id, reason, message, matched conditions, bundle version and shadow record.
 */
class PolicyEngineDifferentialTest {

    private static final List<String> SERVERS = List.of("s1", "s2", "s3");
    private static final List<String> TOOLS = List.of("read_file", "write_file", "delete_file", "list_dir", "search");
    private static final List<String> TOOL_PATTERNS = List.of(
            "read_file",
            "write_file",
            "delete_file",
            "list_dir",
            "search",
            "unknown_tool",
            "read_*",
            "*_file",
            "*",
            "?ead_file",
            "de*e_f*",
            "list_dir");
    private static final List<String> METHODS =
            List.of("tools/call", "tools/call", "tools/call", "resources/read", "prompts/get", "ping", "tools/list");
    private static final List<String> GROUPS = List.of("eng", "sales", "ops", "contractors");
    private static final List<String> USERS = List.of("alice", "bob", "carol");
    private static final List<String> CLIENTS = List.of("ide", "cli");
    private static final List<String> RESOURCES = List.of("file:///a/*", "file:///b/x", "*");
    private static final List<String> CIDRS =
            List.of("10.0.0.0/8", "192.0.2.0/24", "2001:db8::/32", "10.1.2.3", "198.51.100.0/25");
    private static final List<String> SOURCES =
            List.of("10.1.2.3", "10.200.0.1", "192.0.2.77", "2001:db8::5", "::ffff:10.1.2.3", "203.0.113.9");
    private static final List<String> WINDOWS = List.of(
            "Mon-Fri 09:00-17:00 Europe/Berlin",
            "Sat,Sun 00:00-24:00 UTC",
            "Fri 22:00-06:00 America/New_York",
            "Tue 10:00-12:00 Asia/Tokyo",
            "Mon-Sun 12:00-13:00 Europe/Berlin");
    private static final List<String> CONDITIONS = List.of(
            "args.limit > 5",
            "principal.subject == 'alice'",
            "tool.startsWith('read')",
            "args.missing > 1", // fails to evaluate when the argument is absent: fail closed
            "request.method == 'tools/call'",
            "'eng' in principal.groups",
            "time.getHours('Europe/Berlin') >= 12");
    private static final List<Instant> TIMES = List.of(
            Instant.parse("2026-11-24T10:15:30Z"), // Tue 11:15 Berlin, 19:15 Tokyo
            Instant.parse("2026-11-24T01:30:00Z"), // Tue 10:30 Tokyo
            Instant.parse("2026-11-28T04:00:00Z"), // Sat 23:00 Fri New York
            Instant.parse("2026-11-29T12:00:00Z"), // Sunday
            Instant.parse("2026-11-25T11:30:00Z")); // Wed 12:30 Berlin

    @Test
    void indexedDecisionsEqualALinearEvaluationOnRandomRuleSetsAndRequests() {
        int decisions = 0;
        int byRule = 0;
        int withShadow = 0;
        int conditionErrors = 0;
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            PolicySet set = randomSet(random);
            PolicyEngine engine = PolicyEngine.compile(set);
            Reference reference = new Reference(set);
            for (int n = 0; n < 40; n++) {
                RequestContext request = randomRequest(random);
                PolicyDecision expected = reference.decide(request);
                PolicyDecision actual = engine.decide(request);
                assertThat(actual)
                        .as("seed %d, request %d: %s", seed, n, request)
                        .isEqualTo(expected);
                decisions++;
                byRule += expected.ruleId().equals(PolicyEngine.DEFAULT_RULE_ID) ? 0 : 1;
                withShadow += expected.shadow().isPresent() ? 1 : 0;
                conditionErrors += expected.reason().equals(Reasons.CONDITION_ERROR) ? 1 : 0;
            }
        }
        // the random sets exercise every outcome, so agreement above is not agreement on defaults only
        // (seeds 1-200 give 6,120 decisions by a rule, 1,880 by the default, 1,868 with a shadow
        // record and 75 condition errors)
        assertThat(decisions).isEqualTo(8_000);
        assertThat(byRule).isGreaterThan(5_000);
        assertThat(decisions - byRule).isGreaterThan(1_500);
        assertThat(withShadow).isGreaterThan(1_500);
        assertThat(conditionErrors).isGreaterThan(50);
    }

    @Test
    void aRequestOnlyTriesTheRulesOfItsServerAndTool() {
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rules.add(new PolicyRule(
                    "r" + i,
                    i,
                    Effect.DENY,
                    Mode.ENFORCE,
                    null,
                    List.of("srv-" + (i % 10)),
                    List.of("tool_" + i),
                    null,
                    null,
                    null));
        }
        rules.add(
                new PolicyRule("globs", 5, Effect.DENY, Mode.SHADOW, null, null, List.of("tool_*"), null, null, null));
        rules.add(new PolicyRule(
                "eng", 7, Effect.ALLOW, Mode.ENFORCE, null, List.of("srv-3"), null, null, List.of("eng"), null));
        PolicyEngine engine = PolicyEngine.compile(new PolicySet(3, rules, List.of(), Effect.DENY));

        assertThat(engine.candidateCount("srv-3", "tool_13")).isEqualTo(3); // tool_13, the glob, eng
        assertThat(engine.candidateCount("srv-4", "tool_13")).isEqualTo(1); // srv-4 has no tool_13: the glob
        assertThat(engine.candidateCount("srv-unknown", "tool_13")).isEqualTo(1);
        assertThat(engine.candidateCount("srv-3", "")).isEqualTo(2);

        RequestContext call = RequestContext.builder(
                        "srv-3",
                        "tools/call",
                        IpAddresses.toInetAddress(IpAddresses.parse("10.0.0.1").orElseThrow()),
                        Instant.parse("2026-11-24T10:15:30Z"))
                .principal("alice", "https://idp", "ide", Set.of("eng"), Set.of(), Map.of())
                .toolName("tool_13")
                .build();
        PolicyDecision decision = engine.decide(call);
        // glob shadow (priority 5) is recorded, eng (7) allows before tool_13 (13) is reached
        assertThat(decision.ruleId()).isEqualTo("eng");
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.shadow()).map(Shadow::ruleId).contains("globs");
        assertThat(decision).isEqualTo(new Reference(new PolicySet(3, rules, List.of(), Effect.DENY)).decide(call));
    }

    // ---------------------------------------------------------------------------------------------
    // random input

    private static PolicySet randomSet(Random random) {
        int count = 1 + random.nextInt(40);
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rules.add(randomRule(random, "r" + i));
        }
        return new PolicySet(random.nextInt(100), rules, List.of(), random.nextBoolean() ? Effect.DENY : Effect.ALLOW);
    }

    private static PolicyRule randomRule(Random random, String id) {
        return new PolicyRule(
                id,
                random.nextInt(6), // many ties: list order must break them
                random.nextBoolean() ? Effect.ALLOW : Effect.DENY,
                random.nextInt(4) == 0 ? Mode.SHADOW : Mode.ENFORCE,
                random.nextInt(3) == 0 ? "because " + id : null,
                maybe(random, 0.4, () -> some(random, SERVERS, 2)),
                maybe(random, 0.6, () -> some(random, TOOL_PATTERNS, 3)),
                maybe(random, 0.2, () -> some(random, METHODS, 2)),
                maybe(random, 0.25, () -> some(random, GROUPS, 2)),
                maybe(random, 0.2, () -> CONDITIONS.get(random.nextInt(CONDITIONS.size()))),
                maybe(random, 0.1, () -> some(random, USERS, 2)),
                maybe(random, 0.1, () -> some(random, CLIENTS, 1)),
                maybe(random, 0.15, () -> randomClaims(random)),
                maybe(random, 0.1, () -> some(random, RESOURCES, 1)),
                maybe(random, 0.2, () -> some(random, CIDRS, 2)),
                maybe(random, 0.25, () -> some(random, WINDOWS, 2)),
                maybe(random, 0.1, () -> randomHeaders(random)));
    }

    private static Map<String, String> randomClaims(Random random) {
        Map<String, String> claims = new LinkedHashMap<>();
        switch (random.nextInt(4)) {
            case 0 -> claims.put("dept", random.nextBoolean() ? "R&D" : "sales");
            case 1 -> claims.put("level", random.nextBoolean() ? "3" : "4");
            case 2 -> claims.put("roles", random.nextBoolean() ? "writer" : "admin");
            default -> {
                claims.put("dept", "R&D");
                claims.put("roles", "reader");
            }
        }
        return claims;
    }

    private static Map<String, String> randomHeaders(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Map.of("x-device-posture", "managed");
            case 1 -> Map.of("x-device-posture", "*");
            default -> Map.of("X-Device-Posture", "man*");
        };
    }

    private static RequestContext randomRequest(Random random) {
        String method = METHODS.get(random.nextInt(METHODS.size()));
        String tool = method.equals("tools/call") || method.equals("prompts/get")
                ? TOOLS.get(random.nextInt(TOOLS.size()))
                : "";
        String resource = method.equals("resources/read") ? pick(random, List.of("file:///a/b", "file:///b/x")) : "";
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        if (random.nextInt(3) != 0) {
            args.put("limit", random.nextInt(10));
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            claims.put("dept", pick(random, List.of("R&D", "sales", "ops")));
        }
        if (random.nextBoolean()) {
            claims.put("level", random.nextBoolean() ? (Object) 3 : "4");
        }
        if (random.nextBoolean()) {
            claims.put("roles", some(random, List.of("reader", "writer", "admin"), 2));
        }
        Map<String, List<String>> headers = switch (random.nextInt(4)) {
            case 0 -> Map.of();
            case 1 -> Map.of("X-Device-Posture", List.of("managed"));
            case 2 -> Map.of("x-device-posture", List.of(" managed ", "unmanaged"));
            default -> Map.of("x-device-posture", List.of("manual"));
        };
        boolean anonymous = random.nextInt(8) == 0;
        return RequestContext.builder(
                        random.nextInt(5) == 0 ? "s4" : pick(random, SERVERS),
                        method,
                        IpAddresses.toInetAddress(
                                IpAddresses.parse(pick(random, SOURCES)).orElseThrow()),
                        pick(random, TIMES))
                .principal(
                        anonymous ? "" : pick(random, USERS),
                        anonymous ? "" : "https://idp.example",
                        random.nextInt(5) == 0 ? "" : pick(random, CLIENTS),
                        Set.copyOf(some(random, GROUPS, 2)),
                        Set.of(),
                        claims)
                .toolName(tool)
                .resourceUri(resource)
                .arguments(args)
                .headers(headers)
                .build();
    }

    private static <T> T maybe(Random random, double probability, java.util.function.Supplier<T> value) {
        return random.nextDouble() < probability ? value.get() : null;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<String> some(Random random, List<String> values, int max) {
        int n = 1 + random.nextInt(max);
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            out.add(pick(random, values));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------------------------------------
    // the reference: linear, uncached, written from the documented semantics

    private static final class Reference {
        private final PolicySet set;
        private final List<PolicyRule> ordered;
        private final Map<String, CelCondition> cel = new HashMap<>();

        Reference(PolicySet set) {
            this.set = set;
            List<PolicyRule> rules = set.rules();
            this.ordered = IntStream.range(0, rules.size())
                    .boxed()
                    .sorted(Comparator.comparingInt((Integer i) -> rules.get(i).priority())
                            .thenComparingInt(i -> i))
                    .map(rules::get)
                    .toList();
        }

        PolicyDecision decide(RequestContext request) {
            Shadow shadow = null;
            for (PolicyRule rule : ordered) {
                if (!rule.serverIds().isEmpty() && !rule.serverIds().contains(request.serverId())) {
                    continue;
                }
                Boolean match = match(rule, request); // null: the condition failed to evaluate
                if (Boolean.FALSE.equals(match)) {
                    continue;
                }
                List<String> matched = describe(rule);
                if (rule.mode() == Mode.SHADOW) {
                    if (shadow == null) {
                        if (match == null) {
                            shadow = rule.effect() == Effect.DENY
                                    ? new Shadow(rule.id(), Effect.DENY, Reasons.CONDITION_ERROR, matched)
                                    : null;
                        } else {
                            shadow = new Shadow(
                                    rule.id(),
                                    rule.effect(),
                                    rule.effect() == Effect.DENY ? Reasons.SHADOW_DENY : Reasons.SHADOW_ALLOW,
                                    matched);
                        }
                    }
                    continue;
                }
                if (match == null) {
                    if (rule.effect() == Effect.DENY) {
                        return decision(
                                Effect.DENY,
                                rule.id(),
                                Reasons.CONDITION_ERROR,
                                "denied: the condition of policy rule '" + rule.id() + "' could not be evaluated",
                                matched,
                                shadow);
                    }
                    continue;
                }
                if (rule.effect() == Effect.DENY) {
                    return decision(
                            Effect.DENY,
                            rule.id(),
                            Reasons.RULE_DENY,
                            "denied by policy rule '" + rule.id() + "'"
                                    + (rule.description() == null ? "" : ": " + rule.description()),
                            matched,
                            shadow);
                }
                return decision(
                        Effect.ALLOW,
                        rule.id(),
                        Reasons.RULE_ALLOW,
                        "allowed by policy rule '" + rule.id() + "'",
                        matched,
                        shadow);
            }
            if (!PolicyEngine.GOVERNED_METHODS.contains(request.method())) {
                return decision(
                        Effect.ALLOW,
                        "default",
                        Reasons.NOT_GOVERNED,
                        "no policy rule matched; method " + request.method() + " is not subject to the default",
                        List.of(),
                        shadow);
            }
            return set.defaultEffect() == Effect.DENY
                    ? decision(
                            Effect.DENY,
                            "default",
                            Reasons.DEFAULT_DENY,
                            "denied: no policy rule allows this call (tenant default: deny)",
                            List.of(),
                            shadow)
                    : decision(
                            Effect.ALLOW,
                            "default",
                            Reasons.DEFAULT_ALLOW,
                            "allowed: no policy rule matched (tenant default: allow)",
                            List.of(),
                            shadow);
        }

        private PolicyDecision decision(
                Effect effect, String id, String reason, String message, List<String> matched, Shadow shadow) {
            return new PolicyDecision(
                    effect, id, reason, message, matched, set.bundleVersion(), Optional.ofNullable(shadow));
        }

        /** TRUE / FALSE, or null when every structured condition held and the CEL condition failed. */
        private Boolean match(PolicyRule rule, RequestContext r) {
            boolean structured = (rule.methods().isEmpty() || rule.methods().contains(r.method()))
                    && (rule.toolPatterns().isEmpty() || anyGlob(rule.toolPatterns(), r.toolName()))
                    && (rule.users().isEmpty()
                            || (!r.subject().isEmpty() && rule.users().contains(r.subject())))
                    && (rule.clients().isEmpty()
                            || (!r.clientId().isEmpty() && rule.clients().contains(r.clientId())))
                    && (rule.groups().isEmpty() || rule.groups().stream().anyMatch(r.groups()::contains))
                    && rule.claims().entrySet().stream()
                            .allMatch(c -> claimHas(r.claims().get(c.getKey()), c.getValue()))
                    && (rule.resourcePatterns().isEmpty()
                            || (!r.resourceUri().isEmpty() && anyGlob(rule.resourcePatterns(), r.resourceUri())))
                    && (rule.sourceCidrs().isEmpty()
                            || CidrMatcher.of(rule.sourceCidrs()).contains(r.sourceAddress()))
                    && rule.headers().entrySet().stream().allMatch(h -> headerHolds(r, h.getKey(), h.getValue()))
                    && (rule.timeWindows().isEmpty()
                            || rule.timeWindows().stream()
                                    .anyMatch(w -> TimeWindow.parse(w).contains(r.time())));
            if (!structured) {
                return false;
            }
            if (rule.condition() == null) {
                return true;
            }
            CelCondition.Result result =
                    cel.computeIfAbsent(rule.condition(), CelCondition::compile).evaluate(r);
            return result.failed() ? null : result.matched();
        }

        private static boolean anyGlob(List<String> patterns, String value) {
            return patterns.stream().anyMatch(p -> GlobMatcher.compile(p).matches(value));
        }

        private static boolean claimHas(Object value, String expected) {
            if (value instanceof Collection<?> values) {
                return values.stream().anyMatch(v -> scalarEquals(v, expected));
            }
            return scalarEquals(value, expected);
        }

        private static boolean scalarEquals(Object value, String expected) {
            return (value instanceof String || value instanceof Number || value instanceof Boolean)
                    && value.toString().equals(expected);
        }

        private static boolean headerHolds(RequestContext r, String name, String glob) {
            List<String> values = r.header(name);
            if (glob.equals("*")) {
                return !values.isEmpty();
            }
            GlobMatcher matcher = GlobMatcher.compile(glob);
            return !values.isEmpty() && values.stream().allMatch(v -> matcher.matches(v.strip()));
        }

        private static List<String> describe(PolicyRule rule) {
            List<String> out = new ArrayList<>();
            if (!rule.serverIds().isEmpty()) {
                out.add("server " + String.join("|", rule.serverIds()));
            }
            if (!rule.methods().isEmpty()) {
                out.add("method " + String.join("|", rule.methods()));
            }
            if (!rule.toolPatterns().isEmpty()) {
                out.add("tool " + String.join("|", rule.toolPatterns()));
            }
            if (!rule.users().isEmpty()) {
                out.add("user " + String.join("|", rule.users()));
            }
            if (!rule.clients().isEmpty()) {
                out.add("client " + String.join("|", rule.clients()));
            }
            if (!rule.groups().isEmpty()) {
                out.add("group " + String.join("|", rule.groups()));
            }
            rule.claims().forEach((k, v) -> out.add("claim " + k + "=" + v));
            if (!rule.resourcePatterns().isEmpty()) {
                out.add("resource " + String.join("|", rule.resourcePatterns()));
            }
            if (!rule.sourceCidrs().isEmpty()) {
                out.add("source " + String.join("|", rule.sourceCidrs()));
            }
            rule.headers().forEach((k, v) -> out.add("header " + k + "=" + v));
            if (!rule.timeWindows().isEmpty()) {
                out.add("time " + String.join("|", rule.timeWindows()));
            }
            if (rule.condition() != null) {
                out.add("condition " + rule.condition());
            }
            return out;
        }
    }
}
