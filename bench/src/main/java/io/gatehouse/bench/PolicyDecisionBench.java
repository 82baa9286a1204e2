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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one policy decision with 1,000 rules. Worst case: every rule applies to the request's
 * server and none matches, so all 1,000 are tried before the default (10% carry a CEL condition
 * that is evaluated, the rest mix tool globs, groups, claims, CIDRs, headers and time windows).
 * Run: see bench/RESULTS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyDecisionBench {

    @Param({"1000"})
    int rules;

    private PolicyEngine engine;
    private RequestContext miss;
    private RequestContext hitLast;

    @Setup
    public void setUp() throws Exception {
        List<PolicyRule> list = new ArrayList<>();
        for (int i = 0; i < rules - 1; i++) {
            list.add(rule(i));
        }
        // the last rule allows engineers: hitLast reaches it after 999 misses
        list.add(new PolicyRule(
                "allow-eng", rules, Effect.ALLOW, Mode.ENFORCE, null, null, null, null, List.of("eng"), null));
        engine = PolicyEngine.compile(new PolicySet(1, list, List.of(), Effect.DENY));
        ObjectMapper json = new ObjectMapper();
        RequestContext.Builder base = RequestContext.builder(
                "srv-files",
                "tools/call",
                IpAddresses.toInetAddress(IpAddresses.parse("192.0.2.44").orElseThrow()),
                Instant.parse("2026-11-24T23:10:00Z"));
        miss = base.principal(
                        "alice",
                        "https://idp.example",
                        "ide",
                        Set.of("sales"),
                        Set.of("files:read"),
                        Map.of("dept", "sales", "level", 3))
                .toolName("read_file")
                .arguments(json.readTree("{\"path\":\"/srv/data/report.txt\",\"limit\":10}"))
                .headers(Map.of("x-device-posture", List.of("managed"), "user-agent", List.of("bench")))
                .build();
        hitLast = RequestContext.builder(
                        "srv-files",
                        "tools/call",
                        IpAddresses.toInetAddress(
                                IpAddresses.parse("192.0.2.44").orElseThrow()),
                        Instant.parse("2026-11-24T23:10:00Z"))
                .principal(
                        "bob",
                        "https://idp.example",
                        "ide",
                        Set.of("eng"),
                        Set.of("files:read"),
                        Map.of("dept", "eng", "level", 3))
                .toolName("read_file")
                .arguments(json.readTree("{\"path\":\"/srv/data/report.txt\",\"limit\":10}"))
                .headers(Map.of("x-device-posture", List.of("managed")))
                .build();
        PolicyDecision d1 = engine.decide(miss);
        PolicyDecision d2 = engine.decide(hitLast);
        if (!d1.ruleId().equals("default") || !d2.ruleId().equals("allow-eng")) {
            throw new IllegalStateException("benchmark rules do not behave as designed: " + d1 + " / " + d2);
        }
    }

    /** A deny rule that does not match {@code miss}: a different kind of matcher every time. */
    static PolicyRule rule(int i) {
        String id = "r" + i;
        return switch (i % 10) {
            case 0 ->
                new PolicyRule(
                        id, i, Effect.DENY, Mode.ENFORCE, null, null, List.of("delete_" + i + "_*"), null, null, null);
            case 1 ->
                new PolicyRule(
                        id, i, Effect.DENY, Mode.ENFORCE, null, null, null, null, List.of("contractors-" + i), null);
            case 2 ->
                new PolicyRule(
                        id,
                        i,
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
                        Map.of("dept", "d" + i),
                        null,
                        null,
                        null,
                        null);
            case 3 ->
                new PolicyRule(
                        id,
                        i,
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
                        List.of("10." + (i % 256) + ".0.0/16"),
                        null,
                        null);
            case 4 ->
                new PolicyRule(
                        id,
                        i,
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
                        List.of("Mon-Fri 09:00-17:00 Europe/Berlin"),
                        null);
            case 5 ->
                new PolicyRule(
                        id,
                        i,
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
                        null,
                        Map.of("x-device-posture", "unmanaged-" + i));
            case 6 ->
                new PolicyRule(
                        id, i, Effect.DENY, Mode.ENFORCE, null, null, null, null, null, "args.limit > " + (1000 + i));
            case 7 ->
                new PolicyRule(
                        id, i, Effect.DENY, Mode.ENFORCE, null, null, null, List.of("resources/read"), null, null);
            case 8 ->
                new PolicyRule(
                        id,
                        i,
                        Effect.DENY,
                        Mode.ENFORCE,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of("user-" + i),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            default ->
                new PolicyRule(id, i, Effect.DENY, Mode.SHADOW, null, null, List.of("write_*"), null, null, null);
        };
    }

    @Benchmark
    public PolicyDecision allRulesThenDefault() {
        return engine.decide(miss);
    }

    @Benchmark
    public PolicyDecision matchOnTheLastRule() {
        return engine.decide(hitLast);
    }
}
