package io.gatehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.engine.match.IpAddresses;
import io.gatehouse.engine.match.RequestContext;
import io.gatehouse.engine.policy.PolicyDecision;
import io.gatehouse.engine.policy.PolicyEngine;
import io.gatehouse.engine.policy.PolicySet;
import io.gatehouse.protocol.bundle.PolicyRule;
import io.gatehouse.protocol.bundle.PolicyRule.Effect;
import io.gatehouse.protocol.bundle.PolicyRule.Mode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one policy decision ({@link PolicyEngine#decide}) with 1,000 rules, in {@code SampleTime}
 * mode so JMH reports percentiles (p50, p90, p99, p99.9) as well as the mean. Building the {@link
 * RequestContext} is not included (the pipeline builds it once per request).
 *
 * <p><b>Realistic</b> rule set ({@code realistic*}): 1,000 rules over 10 servers and a tenant-wide
 * part, as a tenant with many tools writes them: 40% name exact tools (with groups, users, CIDRs),
 * 15% tool globs ({@code delete_*}, {@code *_admin}, {@code write_*} with time windows), 10% CEL
 * conditions scoped to a tool or a glob, 10% no tool condition (groups, users, clients on a
 * server), 5% source CIDRs on a server, 5% tenant-wide rules (CIDRs, device-posture headers, time
 * windows in three zones, a few unscoped CEL conditions), 5% shadow rules, 5% {@code
 * resources/read} rules with resource patterns, and 5% tool rules with claims. Requests (all to
 * {@code srv-3}): {@code realisticEarlyMatch} is allowed by a rule near the start, {@code
 * realisticLateMatch} by one near the end, {@code realisticNoMatch} meets no rule and gets the
 * tenant default, {@code realisticShadowThenMatch} matches a shadow rule (recorded) and then an
 * enforcing one; {@code realisticMix} cycles through those four plus a {@code ping}.
 *
 * <p><b>Worst case</b> ({@code worstCase*}): the rule set of the first version of this benchmark,
 * every rule on the request's server and none naming a literal tool, so no index can skip a rule:
 * all 1,000 are tried (100 CEL conditions evaluated, 100 time windows, 100 CIDR blocks, …).
 *
 * <p>Run with {@code bench/scripts/policy-decision-bench.sh} (see bench/RESULTS.md).
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyDecisionBench {

    static final int RULES = 1_000;
    static final int SERVERS = 10;
    static final String SERVER = "srv-3";
    static final Instant WEDNESDAY_NOON_UTC = Instant.parse("2026-11-25T12:10:00Z");

    private PolicyEngine realistic;
    private PolicyEngine worstCase;

    private RequestContext early;
    private RequestContext late;
    private RequestContext none;
    private RequestContext shadowThenMatch;
    private RequestContext ping;
    private RequestContext[] mix;
    private int next;

    private RequestContext worstMiss;
    private RequestContext worstHitLast;

    @Setup
    public void setUp() throws Exception {
        realistic = PolicyEngine.compile(new PolicySet(1, realisticRules(), List.of(), Effect.DENY));
        worstCase = PolicyEngine.compile(new PolicySet(1, worstCaseRules(), List.of(), Effect.DENY));
        ObjectMapper json = new ObjectMapper();

        early = request(SERVER, "tools/call", "read_file", "alice", Set.of("eng", "staff"))
                .arguments(json.readTree("{\"path\":\"/srv/data/report.txt\",\"limit\":10}"))
                .build();
        late = request(SERVER, "tools/call", "query_db", "alice", Set.of("eng", "staff"))
                .arguments(json.readTree("{\"sql\":\"select 1\",\"limit\":10}"))
                .build();
        none = request(SERVER, "tools/call", "export_report", "dave", Set.of("sales"))
                .arguments(json.readTree("{\"format\":\"pdf\",\"limit\":10}"))
                .build();
        shadowThenMatch = request(SERVER, "tools/call", "list_dir", "alice", Set.of("eng", "staff"))
                .arguments(json.readTree("{\"path\":\"/srv/data\",\"limit\":10}"))
                .build();
        ping = request(SERVER, "ping", "", "alice", Set.of("eng")).build();
        mix = new RequestContext[] {early, late, none, shadowThenMatch, ping};

        worstMiss = request(SERVER, "tools/call", "read_file", "alice", Set.of("sales"))
                .principal(
                        "alice",
                        "https://idp.example",
                        "ide",
                        Set.of("sales"),
                        Set.of("files:read"),
                        Map.of("dept", "sales", "level", 3))
                .arguments(json.readTree("{\"path\":\"/srv/data/report.txt\",\"limit\":10}"))
                .headers(Map.of("x-device-posture", List.of("managed"), "user-agent", List.of("bench")))
                .build();
        worstHitLast = request(SERVER, "tools/call", "read_file", "bob", Set.of("eng"))
                .arguments(json.readTree("{\"path\":\"/srv/data/report.txt\",\"limit\":10}"))
                .build();

        expect(realistic, early, "allow-read-eng", false);
        expect(realistic, late, "allow-query-db-late", false);
        expect(realistic, none, PolicyEngine.DEFAULT_RULE_ID, false);
        expect(realistic, shadowThenMatch, "allow-list-dir", true);
        expect(realistic, ping, PolicyEngine.DEFAULT_RULE_ID, false);
        expect(worstCase, worstMiss, PolicyEngine.DEFAULT_RULE_ID, false);
        expect(worstCase, worstHitLast, "allow-eng", false);
    }

    private static void expect(PolicyEngine engine, RequestContext request, String ruleId, boolean shadow) {
        PolicyDecision decision = engine.decide(request);
        if (!decision.ruleId().equals(ruleId) || decision.shadow().isPresent() != shadow) {
            throw new IllegalStateException("benchmark rules do not behave as designed: expected " + ruleId
                    + (shadow ? " with a shadow record" : "") + ", got " + decision);
        }
    }

    private static RequestContext.Builder request(
            String server, String method, String tool, String subject, Set<String> groups) {
        return RequestContext.builder(
                        server,
                        method,
                        IpAddresses.toInetAddress(
                                IpAddresses.parse("192.0.2.44").orElseThrow()),
                        WEDNESDAY_NOON_UTC)
                .principal(
                        subject,
                        "https://idp.example",
                        "ide",
                        groups,
                        Set.of("files:read"),
                        Map.of("dept", "eng", "level", 3, "roles", List.of("reader", "writer")))
                .toolName(tool)
                .headers(Map.of("x-device-posture", List.of("managed"), "user-agent", List.of("bench")));
    }

    // ---------------------------------------------------------------------------------------------
    // the realistic rule set

    static final List<String> VERBS = List.of("read", "write", "delete", "list", "search", "get", "update", "create");
    static final List<String> NOUNS =
            List.of("file", "dir", "issue", "ticket", "page", "record", "user", "repo", "branch", "secret");

    /** The tool names of server {@code s}: verb × noun, with the server number in some nouns. */
    static String tool(int s, int k) {
        String verb = VERBS.get(k % VERBS.size());
        String noun = NOUNS.get((k / VERBS.size() + s) % NOUNS.size());
        return verb + "_" + noun + (k % 3 == 0 ? "" : "_" + (k % 7));
    }

    /** 1,000 rules; the anchors the requests hit are placed near the start, middle and end. */
    static List<PolicyRule> realisticRules() {
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; rules.size() < RULES - 1; i++) {
            if (rules.size() == 5) {
                rules.add(rule("allow-read-eng", Effect.ALLOW, Mode.ENFORCE)
                        .servers(SERVER)
                        .tools("read_file")
                        .groups("eng")
                        .build());
            }
            if (rules.size() == 300) {
                rules.add(rule("shadow-list-deny-staff", Effect.DENY, Mode.SHADOW)
                        .servers(SERVER)
                        .tools("list_*")
                        .groups("staff")
                        .build());
            }
            if (rules.size() == 600) {
                rules.add(rule("allow-list-dir", Effect.ALLOW, Mode.ENFORCE)
                        .servers(SERVER)
                        .tools("list_dir")
                        .groups("eng")
                        .windows("Mon-Fri 07:00-20:00 Europe/Berlin")
                        .build());
            }
            rules.add(realisticRule(i));
        }
        rules.add(rule("allow-query-db-late", Effect.ALLOW, Mode.ENFORCE)
                .servers(SERVER)
                .tools("query_db")
                .groups("eng")
                .cidrs("192.0.2.0/24", "10.0.0.0/8")
                .condition("args.limit <= 1000")
                .build());
        return rules;
    }

    static PolicyRule realisticRule(int i) {
        int s = i % SERVERS;
        String server = "srv-" + s;
        String id = "r" + i;
        int k = i / SERVERS;
        String tool = tool(s, k);
        return switch (i % 20) {
            case 0, 1, 2 ->
                rule(id, Effect.ALLOW, Mode.ENFORCE)
                        .servers(server)
                        .tools(tool)
                        .groups("team-" + (k % 25), "admins")
                        .build();
            case 3, 4 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .servers(server)
                        .tools(tool, tool(s, k + 1))
                        .users("offboarded-" + k)
                        .build();
            case 5, 6 ->
                rule(id, Effect.ALLOW, Mode.ENFORCE)
                        .servers(server)
                        .tools(tool)
                        .groups("team-" + (k % 25))
                        .cidrs("10." + (k % 256) + ".0.0/16")
                        .build();
            case 7 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .servers(server)
                        .tools(tool)
                        .clients("legacy-cli-" + k)
                        .build();
            case 8 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .servers(server)
                        .tools("delete_*")
                        .groups("contractors-" + k)
                        .build();
            case 9 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .servers(server)
                        .tools("*_admin_" + k)
                        .build();
            case 10 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .servers(server)
                        .tools("write_*")
                        .groups("interns-" + k)
                        .windows("Sat,Sun 00:00-24:00 Europe/Berlin", "Mon-Fri 20:00-07:00 Europe/Berlin")
                        .build();
            case 11 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .servers(server)
                        .tools(tool)
                        .condition("args.limit > " + (100 + k))
                        .build();
            case 12 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .servers(server)
                        .tools("search_*")
                        .condition("has(args.query) && size(args.query) > " + (200 + k))
                        .build();
            case 13 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .servers(server)
                        .groups("suspended-" + k)
                        .build();
            case 14 ->
                rule(id, Effect.ALLOW, Mode.ENFORCE)
                        .servers(server)
                        .users("svc-" + k, "robot-" + k)
                        .clients("ci-" + k)
                        .build();
            case 15 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .servers(server)
                        .cidrs("172." + (16 + k % 16) + "." + (k % 256) + ".0/24", "2001:db8:" + k + "::/48")
                        .build();
            case 16 -> tenantWide(id, k);
            case 17 ->
                rule(id, Effect.DENY, Mode.SHADOW)
                        .servers(server)
                        .tools("*")
                        .groups("watchlist-" + k)
                        .build();
            case 18 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .servers(server)
                        .methods("resources/read")
                        .resources("file:///secrets/" + k + "/*")
                        .build();
            default ->
                rule(id, Effect.ALLOW, Mode.ENFORCE)
                        .servers(server)
                        .tools(tool)
                        .claims(Map.of("dept", "dept-" + k))
                        .build();
        };
    }

    /** Rules that name no server, so every request tries them. */
    static PolicyRule tenantWide(String id, int k) {
        return switch (k % 5) {
            case 0 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .cidrs("198.51." + (k % 256) + ".0/24")
                        .build();
            case 1 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .headers(Map.of("x-device-posture", "unmanaged-" + k))
                        .build();
            case 2 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .groups("contractors")
                        .windows(
                                "Sat,Sun 00:00-24:00 America/New_York",
                                "Mon-Fri 22:00-06:00 Asia/Tokyo",
                                "Sun 02:00-04:00 Europe/Berlin")
                        .build();
            case 3 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .condition("principal.subject == 'blocked-" + k + "'")
                        .build();
            default -> rule(id, Effect.DENY, Mode.ENFORCE).users("leaver-" + k).build();
        };
    }

    // ---------------------------------------------------------------------------------------------
    // the worst case: every rule on the server, nothing indexable

    static List<PolicyRule> worstCaseRules() {
        List<PolicyRule> list = new ArrayList<>();
        for (int i = 0; i < RULES - 1; i++) {
            list.add(worstCaseRule(i));
        }
        // the last rule allows engineers: worstHitLast reaches it after 999 misses
        list.add(rule("allow-eng", Effect.ALLOW, Mode.ENFORCE).groups("eng").build());
        return list;
    }

    /** A rule that does not match {@code worstMiss}: a different kind of matcher every time. */
    static PolicyRule worstCaseRule(int i) {
        String id = "r" + i;
        return switch (i % 10) {
            case 0 ->
                rule(id, Effect.DENY, Mode.ENFORCE).tools("delete_" + i + "_*").build();
            case 1 ->
                rule(id, Effect.DENY, Mode.ENFORCE).groups("contractors-" + i).build();
            case 2 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .claims(Map.of("dept", "d" + i))
                        .build();
            case 3 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .cidrs("10." + (i % 256) + ".0.0/16")
                        .build();
            case 4 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .windows("Sat,Sun 09:00-17:00 Europe/Berlin")
                        .build();
            case 5 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .headers(Map.of("x-device-posture", "unmanaged-" + i))
                        .build();
            case 6 ->
                rule(id, Effect.DENY, Mode.ENFORCE)
                        .condition("args.limit > " + (1000 + i))
                        .build();
            case 7 ->
                rule(id, Effect.DENY, Mode.ENFORCE).methods("resources/read").build();
            case 8 -> rule(id, Effect.DENY, Mode.ENFORCE).users("user-" + i).build();
            default -> rule(id, Effect.DENY, Mode.SHADOW).tools("write_*").build();
        };
    }

    static RuleBuilder rule(String id, Effect effect, Mode mode) {
        return new RuleBuilder(id, effect, mode);
    }

    /** A rule builder; every rule gets the same priority, so list order is evaluation order. */
    static final class RuleBuilder {
        private final String id;
        private final Effect effect;
        private final Mode mode;
        private List<String> servers;
        private List<String> tools;
        private List<String> methods;
        private List<String> groups;
        private String condition;
        private List<String> users;
        private List<String> clients;
        private Map<String, String> claims;
        private List<String> resources;
        private List<String> cidrs;
        private List<String> windows;
        private Map<String, String> headers;

        RuleBuilder(String id, Effect effect, Mode mode) {
            this.id = id;
            this.effect = effect;
            this.mode = mode;
        }

        RuleBuilder servers(String... v) {
            servers = List.of(v);
            return this;
        }

        RuleBuilder tools(String... v) {
            tools = List.of(v);
            return this;
        }

        RuleBuilder methods(String... v) {
            methods = List.of(v);
            return this;
        }

        RuleBuilder groups(String... v) {
            groups = List.of(v);
            return this;
        }

        RuleBuilder condition(String v) {
            condition = v;
            return this;
        }

        RuleBuilder users(String... v) {
            users = List.of(v);
            return this;
        }

        RuleBuilder clients(String... v) {
            clients = List.of(v);
            return this;
        }

        RuleBuilder claims(Map<String, String> v) {
            claims = v;
            return this;
        }

        RuleBuilder resources(String... v) {
            resources = List.of(v);
            return this;
        }

        RuleBuilder cidrs(String... v) {
            cidrs = List.of(v);
            return this;
        }

        RuleBuilder windows(String... v) {
            windows = List.of(v);
            return this;
        }

        RuleBuilder headers(Map<String, String> v) {
            headers = v;
            return this;
        }

        PolicyRule build() {
            // equal priorities everywhere: the list order decides, as in a tenant's ordered rule list
            return new PolicyRule(
                    id, 100, effect, mode, null, servers, tools, methods, groups, condition, users, clients, claims,
                    resources, cidrs, windows, headers);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Benchmark
    public PolicyDecision realisticEarlyMatch() {
        return realistic.decide(early);
    }

    @Benchmark
    public PolicyDecision realisticLateMatch() {
        return realistic.decide(late);
    }

    @Benchmark
    public PolicyDecision realisticNoMatch() {
        return realistic.decide(none);
    }

    @Benchmark
    public PolicyDecision realisticShadowThenMatch() {
        return realistic.decide(shadowThenMatch);
    }

    @Benchmark
    public PolicyDecision realisticMix() {
        RequestContext request = mix[next];
        next = next == mix.length - 1 ? 0 : next + 1;
        return realistic.decide(request);
    }

    @Benchmark
    public PolicyDecision worstCaseAllRulesThenDefault() {
        return worstCase.decide(worstMiss);
    }

    @Benchmark
    public PolicyDecision worstCaseMatchOnTheLastRule() {
        return worstCase.decide(worstHitLast);
    }
}
