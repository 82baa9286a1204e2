package io.gatehouse.engine.policy;

import static java.util.Objects.requireNonNull;

import io.gatehouse.engine.guard.HostResolver;
import io.gatehouse.engine.match.RequestContext;
import io.gatehouse.engine.policy.PolicyDecision.Reasons;
import io.gatehouse.engine.policy.PolicyDecision.Shadow;
import io.gatehouse.protocol.bundle.PolicyRule;
import io.gatehouse.protocol.bundle.PolicyRule.Effect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contextual policy decision (DESIGN §3 step 6), compiled once from a {@link PolicySet} and
 * asked once per request. The data plane enforces with it; the control plane validates rules and
 * answers {@code policies:simulate} with the same code.
 *
 * <p>Evaluation: the rules that can apply to the request's server (rules naming it, and rules
 * naming no server) are tried in ascending priority (ties in list order). A matching
 * <em>shadow</em> rule is recorded as the decision's {@link PolicyDecision#shadow()} and skipped. The
 * first matching <em>enforcing</em> rule decides. A CEL condition that fails to evaluate makes a
 * deny rule deny ({@link Reasons#CONDITION_ERROR}, fail closed) and an allow rule not match. When
 * no enforcing rule matches, an operation ({@link #GOVERNED_METHODS}) gets the tenant default;
 * any other request (initialize, ping, lists, notifications) is allowed
 * ({@link Reasons#NOT_GOVERNED}). An allowed {@code tools/call} must then pass every argument guard
 * of the tool bindings matching its server and tool.
 *
 * <p>Immutable and thread-safe; {@link #decide} never throws for a well-formed context.
 */
public final class PolicyEngine {

    /** Methods that do something on the server and are subject to the tenant default. */
    public static final Set<String> GOVERNED_METHODS =
            Set.of("tools/call", "resources/read", "resources/subscribe", "prompts/get");

    /** The {@link PolicyDecision#ruleId()} of a decision by the tenant default. */
    public static final String DEFAULT_RULE_ID = "default";

    private static final CompiledRule[] NONE = new CompiledRule[0];

    /**
     * The rules that can apply to one server (rules naming it and rules naming no server), in
     * evaluation order, split by their tool condition: {@code byTool} holds each rule whose tool
     * patterns are all literal names under every one of those names; {@code general} holds every
     * other rule (tool globs, no tool condition). A request's candidates are {@code
     * byTool.get(tool)} merged with {@code general} by {@link CompiledRule#rank}; a rule in neither
     * cannot match the request's tool, so skipping it changes no decision.
     */
    private record Candidates(Map<String, CompiledRule[]> byTool, CompiledRule[] general) {

        static Candidates of(List<CompiledRule> rules) {
            Map<String, List<CompiledRule>> byTool = new HashMap<>();
            List<CompiledRule> general = new ArrayList<>();
            for (CompiledRule rule : rules) {
                if (rule.toolLiterals == null) {
                    general.add(rule);
                } else {
                    for (String tool : rule.toolLiterals) {
                        byTool.computeIfAbsent(tool, k -> new ArrayList<>()).add(rule);
                    }
                }
            }
            Map<String, CompiledRule[]> frozen = new HashMap<>();
            byTool.forEach((tool, list) -> frozen.put(tool, list.toArray(NONE)));
            return new Candidates(Map.copyOf(frozen), general.toArray(NONE));
        }
    }

    private final long bundleVersion;
    private final Effect defaultEffect;
    private final Map<String, Candidates> byServer;
    private final Candidates anyServer;
    private final RequestFacts.Zones zones;
    private final BindingGuards guards;
    private final int ruleCount;

    private PolicyEngine(
            long bundleVersion,
            Effect defaultEffect,
            Map<String, Candidates> byServer,
            Candidates anyServer,
            RequestFacts.Zones zones,
            BindingGuards guards,
            int ruleCount) {
        this.bundleVersion = bundleVersion;
        this.defaultEffect = defaultEffect;
        this.byServer = byServer;
        this.anyServer = anyServer;
        this.zones = zones;
        this.guards = guards;
        this.ruleCount = ruleCount;
    }

    /**
     * Compiles every rule and argument guard; URL guards resolve names with the system resolver.
     *
     * @throws PolicyCompileException naming the rule or binding and the setting that is invalid
     */
    public static PolicyEngine compile(PolicySet set) {
        return compile(set, null);
    }

    /**
     * As {@link #compile(PolicySet)}, with URL guards resolving through {@code resolver} (null: the
     * system resolver).
     */
    public static PolicyEngine compile(PolicySet set, HostResolver resolver) {
        requireNonNull(set, "set");
        RequestFacts.Zones.Builder zones = new RequestFacts.Zones.Builder();
        List<CompiledRule> compiled = new ArrayList<>();
        for (int i = 0; i < set.rules().size(); i++) {
            compiled.add(CompiledRule.compile(set.rules().get(i), i, zones));
        }
        compiled.sort(
                Comparator.comparingInt((CompiledRule r) -> r.rule.priority()).thenComparingInt(r -> r.order));
        Set<String> servers = new LinkedHashSet<>();
        List<CompiledRule> wildcard = new ArrayList<>();
        for (int rank = 0; rank < compiled.size(); rank++) {
            CompiledRule rule = compiled.get(rank);
            rule.rank = rank;
            servers.addAll(rule.serverIds);
            if (rule.serverIds.isEmpty()) {
                wildcard.add(rule);
            }
        }
        Map<String, Candidates> byServer = new HashMap<>();
        for (String server : servers) {
            List<CompiledRule> applicable = new ArrayList<>();
            for (CompiledRule rule : compiled) {
                if (rule.serverIds.isEmpty() || rule.serverIds.contains(server)) {
                    applicable.add(rule);
                }
            }
            byServer.put(server, Candidates.of(applicable));
        }
        return new PolicyEngine(
                set.bundleVersion(),
                set.defaultEffect(),
                Map.copyOf(byServer),
                Candidates.of(wildcard),
                zones.build(),
                BindingGuards.compile(set.bindings(), resolver),
                compiled.size());
    }

    /**
     * Decides one request. Only the candidate rules of its server and tool are tried (see {@link
     * Candidates}), in evaluation order; values derived from the request (source address bytes,
     * local time per zone, CEL variables) are computed at most once ({@link RequestFacts}).
     */
    public PolicyDecision decide(RequestContext context) {
        requireNonNull(context, "context");
        Candidates candidates = byServer.getOrDefault(context.serverId(), anyServer);
        CompiledRule[] exact = candidates.byTool().getOrDefault(context.toolName(), NONE);
        CompiledRule[] general = candidates.general();
        RequestFacts facts = new RequestFacts(context, zones);
        Shadow shadow = null;
        int e = 0;
        int g = 0;
        while (true) {
            CompiledRule rule;
            if (e < exact.length && (g >= general.length || exact[e].rank < general[g].rank)) {
                rule = exact[e++];
            } else if (g < general.length) {
                rule = general[g++];
            } else {
                break;
            }
            CompiledRule.Match match = rule.match(context, facts);
            if (match == CompiledRule.Match.NO) {
                continue;
            }
            PolicyRule r = rule.rule;
            if (r.mode() == PolicyRule.Mode.SHADOW) {
                if (shadow == null) {
                    shadow = match == CompiledRule.Match.ERROR ? rule.shadowOnError : rule.shadowOnMatch;
                }
                continue;
            }
            if (match == CompiledRule.Match.ERROR) {
                if (r.effect() == Effect.DENY) {
                    return decision(
                            Effect.DENY,
                            r.id(),
                            Reasons.CONDITION_ERROR,
                            rule.conditionErrorMessage,
                            rule.matched,
                            shadow);
                }
                continue;
            }
            if (r.effect() == Effect.DENY) {
                return decision(Effect.DENY, r.id(), Reasons.RULE_DENY, rule.denyMessage, rule.matched, shadow);
            }
            return guarded(
                    context,
                    decision(Effect.ALLOW, r.id(), Reasons.RULE_ALLOW, rule.allowMessage, rule.matched, shadow));
        }
        if (!GOVERNED_METHODS.contains(context.method())) {
            return decision(
                    Effect.ALLOW,
                    DEFAULT_RULE_ID,
                    Reasons.NOT_GOVERNED,
                    "no policy rule matched; method " + context.method() + " is not subject to the default",
                    List.of(),
                    shadow);
        }
        if (defaultEffect == Effect.DENY) {
            return decision(
                    Effect.DENY,
                    DEFAULT_RULE_ID,
                    Reasons.DEFAULT_DENY,
                    "denied: no policy rule allows this call (tenant default: deny)",
                    List.of(),
                    shadow);
        }
        return guarded(
                context,
                decision(
                        Effect.ALLOW,
                        DEFAULT_RULE_ID,
                        Reasons.DEFAULT_ALLOW,
                        "allowed: no policy rule matched (tenant default: allow)",
                        List.of(),
                        shadow));
    }

    /**
     * How many rules a request to {@code serverId} for {@code toolName} would try at most: the size
     * of its candidate list. For tests and diagnostics.
     */
    int candidateCount(String serverId, String toolName) {
        Candidates candidates = byServer.getOrDefault(serverId, anyServer);
        return candidates.byTool().getOrDefault(toolName, NONE).length + candidates.general().length;
    }

    private PolicyDecision guarded(RequestContext context, PolicyDecision allowed) {
        if (!"tools/call".equals(context.method())) {
            return allowed;
        }
        Optional<BindingGuards.Denial> denial =
                guards.check(context.serverId(), context.toolName(), context.arguments());
        if (denial.isEmpty()) {
            return allowed;
        }
        BindingGuards.Compiled guard = denial.get().guard();
        String argument = guard.spec().argument();
        return decision(
                Effect.DENY,
                guard.binding().id() + ":" + argument,
                denial.get().verdict().reasonKey(),
                "argument '" + argument + "' denied: " + denial.get().verdict().detail(),
                List.of(
                        "tool " + guard.binding().toolPattern(),
                        "argument " + argument + " ("
                                + guard.spec().kind().name().toLowerCase(java.util.Locale.ROOT) + " guard)"),
                allowed.shadow().orElse(null));
    }

    private PolicyDecision decision(
            Effect effect, String ruleId, String reason, String message, List<String> matched, Shadow shadow) {
        return new PolicyDecision(effect, ruleId, reason, message, matched, bundleVersion, Optional.ofNullable(shadow));
    }

    public long bundleVersion() {
        return bundleVersion;
    }

    public Effect defaultEffect() {
        return defaultEffect;
    }

    /** Number of compiled policy rules. */
    public int ruleCount() {
        return ruleCount;
    }

    /** Number of compiled argument guards. */
    public int guardCount() {
        return guards.size();
    }
}
