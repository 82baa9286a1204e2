package io.gatehouse.engine.policy;

import io.gatehouse.engine.match.CelCondition;
import io.gatehouse.engine.match.CidrMatcher;
import io.gatehouse.engine.match.ClaimMatcher;
import io.gatehouse.engine.match.GlobMatcher;
import io.gatehouse.engine.match.HeaderMatcher;
import io.gatehouse.engine.match.RequestContext;
import io.gatehouse.engine.match.TimeWindow;
import io.gatehouse.engine.policy.PolicyDecision.Reasons;
import io.gatehouse.engine.policy.PolicyDecision.Shadow;
import io.gatehouse.protocol.bundle.PolicyRule;
import io.gatehouse.protocol.bundle.PolicyRule.Effect;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One policy rule, compiled: its structured matchers as tests in cheap-first order and its CEL
 * condition, plus everything a decision reports about it (matched conditions, messages, its shadow
 * record), built here once so that deciding allocates nothing per rule. Every matcher is a
 * conjunction term; an empty setting matches anything. Immutable once the engine has assigned its
 * {@link #rank}.
 */
final class CompiledRule {

    /** The outcome of matching one rule against one request. */
    enum Match {
        NO,
        YES,
        /** Every structured matcher held but the CEL condition could not be evaluated. */
        ERROR
    }

    /** One conjunction term over the request and the values derived from it once per request. */
    @FunctionalInterface
    interface Test {
        boolean test(RequestContext context, RequestFacts facts);
    }

    private record Term(String description, Test test) {}

    /** A time window with the index of its zone in the engine's {@link RequestFacts.Zones}. */
    private record ZonedWindow(TimeWindow window, int zone) {}

    final PolicyRule rule;
    /** Position in the policy set's rule list (the tie-breaker for equal priorities). */
    final int order;
    /**
     * Position in evaluation order (priority, then {@link #order}) over the whole set; assigned by
     * the engine after sorting. Candidate lists are merged by it.
     */
    int rank;

    final Set<String> serverIds;
    /**
     * The tool names this rule can match when every tool pattern is a literal name (the index puts
     * it under each); null when it has no tool condition or any pattern has a wildcard.
     */
    final Set<String> toolLiterals;

    private final Set<String> methods;
    private final Term[] terms;
    private final CelCondition condition;
    final List<String> matched;

    final String denyMessage;
    final String allowMessage;
    final String conditionErrorMessage;
    /** What this rule records as a shadow rule when it matches / when its condition fails. */
    final Shadow shadowOnMatch;

    final Shadow shadowOnError;

    private CompiledRule(PolicyRule rule, int order, Set<String> toolLiterals, Term[] terms, CelCondition condition) {
        this.rule = rule;
        this.order = order;
        this.serverIds = Set.copyOf(rule.serverIds());
        this.toolLiterals = toolLiterals;
        this.methods = Set.copyOf(rule.methods());
        this.terms = terms;
        this.condition = condition;
        List<String> descriptions = new ArrayList<>();
        if (!serverIds.isEmpty()) {
            descriptions.add("server " + String.join("|", rule.serverIds()));
        }
        if (!methods.isEmpty()) {
            descriptions.add("method " + String.join("|", rule.methods()));
        }
        for (Term term : terms) {
            descriptions.add(term.description());
        }
        if (condition != null) {
            descriptions.add("condition " + condition.expression());
        }
        this.matched = List.copyOf(descriptions);
        String id = rule.id();
        this.denyMessage =
                "denied by policy rule '" + id + "'" + (rule.description() == null ? "" : ": " + rule.description());
        this.allowMessage = "allowed by policy rule '" + id + "'";
        this.conditionErrorMessage = "denied: the condition of policy rule '" + id + "' could not be evaluated";
        this.shadowOnMatch = new Shadow(
                id, rule.effect(), rule.effect() == Effect.DENY ? Reasons.SHADOW_DENY : Reasons.SHADOW_ALLOW, matched);
        this.shadowOnError =
                rule.effect() == Effect.DENY ? new Shadow(id, Effect.DENY, Reasons.CONDITION_ERROR, matched) : null;
    }

    static CompiledRule compile(PolicyRule rule, int order, RequestFacts.Zones.Builder zones) {
        String at = "policies[" + rule.id() + "]";
        List<Term> terms = new ArrayList<>();
        Set<String> toolLiterals = null;
        if (!rule.toolPatterns().isEmpty()) {
            List<GlobMatcher> globs = new ArrayList<>();
            Set<String> literals = new LinkedHashSet<>();
            boolean allLiteral = true;
            for (String pattern : rule.toolPatterns()) {
                GlobMatcher glob = guarded(at + ".toolPatterns", () -> GlobMatcher.compile(pattern));
                globs.add(glob);
                String name = glob.exactName();
                if (name == null) {
                    allLiteral = false;
                } else {
                    literals.add(name);
                }
            }
            if (allLiteral) {
                toolLiterals = Set.copyOf(literals);
            }
            GlobMatcher[] patterns = globs.toArray(GlobMatcher[]::new);
            terms.add(new Term(
                    "tool " + String.join("|", rule.toolPatterns()),
                    (ctx, facts) -> anyGlob(patterns, ctx.toolName())));
        }
        if (!rule.users().isEmpty()) {
            ClaimMatcher m = ClaimMatcher.subject(ClaimMatcher.Operator.ANY_OF, rule.users());
            terms.add(new Term("user " + String.join("|", rule.users()), (ctx, facts) -> m.matches(ctx)));
        }
        if (!rule.clients().isEmpty()) {
            ClaimMatcher m = ClaimMatcher.clientId(ClaimMatcher.Operator.ANY_OF, rule.clients());
            terms.add(new Term("client " + String.join("|", rule.clients()), (ctx, facts) -> m.matches(ctx)));
        }
        if (!rule.groups().isEmpty()) {
            ClaimMatcher m = ClaimMatcher.groups(ClaimMatcher.Operator.ANY_OF, rule.groups());
            terms.add(new Term("group " + String.join("|", rule.groups()), (ctx, facts) -> m.matches(ctx)));
        }
        for (Map.Entry<String, String> claim : rule.claims().entrySet()) {
            ClaimMatcher m = guarded(
                    at + ".claims[" + claim.getKey() + "]",
                    () -> ClaimMatcher.claim(
                            claim.getKey(), ClaimMatcher.Operator.CONTAINS, List.of(claim.getValue())));
            terms.add(new Term("claim " + claim.getKey() + "=" + claim.getValue(), (ctx, facts) -> m.matches(ctx)));
        }
        if (!rule.resourcePatterns().isEmpty()) {
            GlobMatcher[] globs = rule.resourcePatterns().stream()
                    .map(p -> guarded(at + ".resourcePatterns", () -> GlobMatcher.compile(p)))
                    .toArray(GlobMatcher[]::new);
            terms.add(new Term(
                    "resource " + String.join("|", rule.resourcePatterns()),
                    (ctx, facts) -> !ctx.resourceUri().isEmpty() && anyGlob(globs, ctx.resourceUri())));
        }
        if (!rule.sourceCidrs().isEmpty()) {
            CidrMatcher cidrs = guarded(at + ".sourceCidrs", () -> CidrMatcher.of(rule.sourceCidrs()));
            terms.add(new Term(
                    "source " + String.join("|", rule.sourceCidrs()),
                    (ctx, facts) -> cidrs.contains(facts.sourceBytes())));
        }
        for (Map.Entry<String, String> header : rule.headers().entrySet()) {
            String field = at + ".headers[" + header.getKey() + "]";
            HeaderMatcher m = header.getValue().equals("*")
                    ? guarded(field, () -> HeaderMatcher.of(header.getKey(), HeaderMatcher.Operator.PRESENT, List.of()))
                    : guarded(
                            field,
                            () -> HeaderMatcher.of(
                                    header.getKey(), HeaderMatcher.Operator.GLOB, List.of(header.getValue())));
            terms.add(new Term("header " + header.getKey() + "=" + header.getValue(), (ctx, facts) -> m.matches(ctx)));
        }
        if (!rule.timeWindows().isEmpty()) {
            List<ZonedWindow> list = new ArrayList<>();
            for (int i = 0; i < rule.timeWindows().size(); i++) {
                String spec = rule.timeWindows().get(i);
                TimeWindow window = guarded(at + ".timeWindows[" + i + "]", () -> TimeWindow.parse(spec));
                list.add(new ZonedWindow(window, zones.indexOf(window.zone())));
            }
            ZonedWindow[] windows = list.toArray(ZonedWindow[]::new);
            terms.add(new Term("time " + String.join("|", rule.timeWindows()), (ctx, facts) -> {
                for (ZonedWindow w : windows) {
                    if (w.window().containsLocal(facts.localTime(w.zone()))) {
                        return true;
                    }
                }
                return false;
            }));
        }
        CelCondition condition = rule.condition() == null
                ? null
                : guarded(at + ".condition", () -> CelCondition.compile(rule.condition()));
        return new CompiledRule(rule, order, toolLiterals, terms.toArray(Term[]::new), condition);
    }

    /**
     * Matches the rule; {@code facts} holds what is derived from the request once per decision
     * (source address bytes, local times, CEL variables), computed on first use.
     */
    Match match(RequestContext context, RequestFacts facts) {
        if (!methods.isEmpty() && !methods.contains(context.method())) {
            return Match.NO;
        }
        for (Term term : terms) {
            if (!term.test().test(context, facts)) {
                return Match.NO;
            }
        }
        if (condition == null) {
            return Match.YES;
        }
        CelCondition.Result result = condition.evaluate(facts.celBindings());
        if (result.failed()) {
            return Match.ERROR;
        }
        return result.matched() ? Match.YES : Match.NO;
    }

    private static boolean anyGlob(GlobMatcher[] globs, String value) {
        for (GlobMatcher glob : globs) {
            if (glob.matches(value)) {
                return true;
            }
        }
        return false;
    }

    static <T> T guarded(String field, java.util.function.Supplier<T> compile) {
        try {
            return compile.get();
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new PolicyCompileException(field, e.getMessage(), e);
        }
    }
}
