package io.gatehouse.engine.policy;

import static java.util.Objects.requireNonNull;

import io.gatehouse.engine.guard.HostResolver;
import io.gatehouse.engine.match.CelCondition;
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

    private final long bundleVersion;
    private final Effect defaultEffect;
    private final Map<String, CompiledRule[]> byServer;
    private final CompiledRule[] anyServer;
    private final BindingGuards guards;
    private final int ruleCount;

    private PolicyEngine(
            long bundleVersion,
            Effect defaultEffect,
            Map<String, CompiledRule[]> byServer,
            CompiledRule[] anyServer,
            BindingGuards guards,
            int ruleCount) {
        this.bundleVersion = bundleVersion;
        this.defaultEffect = defaultEffect;
        this.byServer = byServer;
        this.anyServer = anyServer;
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
        List<CompiledRule> compiled = new ArrayList<>();
        for (int i = 0; i < set.rules().size(); i++) {
            compiled.add(CompiledRule.compile(set.rules().get(i), i));
        }
        compiled.sort(
                Comparator.comparingInt((CompiledRule r) -> r.rule.priority()).thenComparingInt(r -> r.order));
        Set<String> servers = new LinkedHashSet<>();
        List<CompiledRule> wildcard = new ArrayList<>();
        for (CompiledRule rule : compiled) {
            servers.addAll(rule.serverIds);
            if (rule.serverIds.isEmpty()) {
                wildcard.add(rule);
            }
        }
        Map<String, CompiledRule[]> byServer = new HashMap<>();
        for (String server : servers) {
            byServer.put(
                    server,
                    compiled.stream()
                            .filter(r -> r.serverIds.isEmpty() || r.serverIds.contains(server))
                            .toArray(CompiledRule[]::new));
        }
        return new PolicyEngine(
                set.bundleVersion(),
                set.defaultEffect(),
                Map.copyOf(byServer),
                wildcard.toArray(NONE),
                BindingGuards.compile(set.bindings(), resolver),
                compiled.size());
    }

    /** Decides one request. */
    public PolicyDecision decide(RequestContext context) {
        requireNonNull(context, "context");
        CompiledRule[] rules = byServer.getOrDefault(context.serverId(), anyServer);
        LazyBindings bindings = new LazyBindings(context);
        Shadow shadow = null;
        for (CompiledRule rule : rules) {
            CompiledRule.Match match = rule.match(context, bindings);
            if (match == CompiledRule.Match.NO) {
                continue;
            }
            PolicyRule r = rule.rule;
            if (r.mode() == PolicyRule.Mode.SHADOW) {
                if (shadow == null) {
                    shadow = shadowOf(rule, match);
                }
                continue;
            }
            if (match == CompiledRule.Match.ERROR) {
                if (r.effect() == Effect.DENY) {
                    return decision(
                            Effect.DENY,
                            r.id(),
                            Reasons.CONDITION_ERROR,
                            "denied: the condition of policy rule '" + r.id() + "' could not be evaluated",
                            rule.matched,
                            shadow);
                }
                continue;
            }
            if (r.effect() == Effect.DENY) {
                return decision(
                        Effect.DENY,
                        r.id(),
                        Reasons.RULE_DENY,
                        "denied by policy rule '" + r.id() + "'" + describe(r),
                        rule.matched,
                        shadow);
            }
            return guarded(
                    context,
                    decision(
                            Effect.ALLOW,
                            r.id(),
                            Reasons.RULE_ALLOW,
                            "allowed by policy rule '" + r.id() + "'",
                            rule.matched,
                            shadow));
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

    private static Shadow shadowOf(CompiledRule rule, CompiledRule.Match match) {
        PolicyRule r = rule.rule;
        if (match == CompiledRule.Match.ERROR) {
            return r.effect() == Effect.DENY
                    ? new Shadow(r.id(), Effect.DENY, Reasons.CONDITION_ERROR, rule.matched)
                    : null;
        }
        return new Shadow(
                r.id(),
                r.effect(),
                r.effect() == Effect.DENY ? Reasons.SHADOW_DENY : Reasons.SHADOW_ALLOW,
                rule.matched);
    }

    private PolicyDecision decision(
            Effect effect, String ruleId, String reason, String message, List<String> matched, Shadow shadow) {
        return new PolicyDecision(effect, ruleId, reason, message, matched, bundleVersion, Optional.ofNullable(shadow));
    }

    private static String describe(PolicyRule rule) {
        return rule.description() == null ? "" : ": " + rule.description();
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

    /** CEL variables of one request, built on first use (most requests reach no CEL condition). */
    static final class LazyBindings {
        private final RequestContext context;
        private CelCondition.Bindings bindings;

        LazyBindings(RequestContext context) {
            this.context = context;
        }

        CelCondition.Bindings get() {
            if (bindings == null) {
                bindings = CelCondition.bind(context);
            }
            return bindings;
        }
    }
}
