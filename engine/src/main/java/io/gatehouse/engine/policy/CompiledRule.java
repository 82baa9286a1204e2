package io.gatehouse.engine.policy;

import io.gatehouse.engine.match.CelCondition;
import io.gatehouse.engine.match.CidrMatcher;
import io.gatehouse.engine.match.ClaimMatcher;
import io.gatehouse.engine.match.GlobMatcher;
import io.gatehouse.engine.match.HeaderMatcher;
import io.gatehouse.engine.match.RequestContext;
import io.gatehouse.engine.match.TimeWindow;
import io.gatehouse.protocol.bundle.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One policy rule, compiled: its structured matchers as predicates in cheap-first order and its CEL
 * condition. Every matcher is a conjunction term; an empty setting matches anything. Immutable.
 */
final class CompiledRule {

    /** The outcome of matching one rule against one request. */
    enum Match {
        NO,
        YES,
        /** Every structured matcher held but the CEL condition could not be evaluated. */
        ERROR
    }

    private record Term(String description, Predicate<RequestContext> test) {}

    final PolicyRule rule;
    final int order;
    final Set<String> serverIds;
    private final Set<String> methods;
    private final Term[] terms;
    private final CelCondition condition;
    final List<String> matched;

    private CompiledRule(PolicyRule rule, int order, Term[] terms, CelCondition condition) {
        this.rule = rule;
        this.order = order;
        this.serverIds = Set.copyOf(rule.serverIds());
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
    }

    static CompiledRule compile(PolicyRule rule, int order) {
        String at = "policies[" + rule.id() + "]";
        List<Term> terms = new ArrayList<>();
        if (!rule.toolPatterns().isEmpty()) {
            List<GlobMatcher> globs = rule.toolPatterns().stream()
                    .map(p -> guarded(at + ".toolPatterns", () -> GlobMatcher.compile(p)))
                    .toList();
            terms.add(new Term("tool " + String.join("|", rule.toolPatterns()), ctx -> anyGlob(globs, ctx.toolName())));
        }
        if (!rule.users().isEmpty()) {
            ClaimMatcher m = ClaimMatcher.subject(ClaimMatcher.Operator.ANY_OF, rule.users());
            terms.add(new Term("user " + String.join("|", rule.users()), m::matches));
        }
        if (!rule.clients().isEmpty()) {
            ClaimMatcher m = ClaimMatcher.clientId(ClaimMatcher.Operator.ANY_OF, rule.clients());
            terms.add(new Term("client " + String.join("|", rule.clients()), m::matches));
        }
        if (!rule.groups().isEmpty()) {
            ClaimMatcher m = ClaimMatcher.groups(ClaimMatcher.Operator.ANY_OF, rule.groups());
            terms.add(new Term("group " + String.join("|", rule.groups()), m::matches));
        }
        for (Map.Entry<String, String> claim : rule.claims().entrySet()) {
            ClaimMatcher m = guarded(
                    at + ".claims[" + claim.getKey() + "]",
                    () -> ClaimMatcher.claim(
                            claim.getKey(), ClaimMatcher.Operator.CONTAINS, List.of(claim.getValue())));
            terms.add(new Term("claim " + claim.getKey() + "=" + claim.getValue(), m::matches));
        }
        if (!rule.resourcePatterns().isEmpty()) {
            List<GlobMatcher> globs = rule.resourcePatterns().stream()
                    .map(p -> guarded(at + ".resourcePatterns", () -> GlobMatcher.compile(p)))
                    .toList();
            terms.add(new Term(
                    "resource " + String.join("|", rule.resourcePatterns()),
                    ctx -> !ctx.resourceUri().isEmpty() && anyGlob(globs, ctx.resourceUri())));
        }
        if (!rule.sourceCidrs().isEmpty()) {
            CidrMatcher cidrs = guarded(at + ".sourceCidrs", () -> CidrMatcher.of(rule.sourceCidrs()));
            terms.add(new Term(
                    "source " + String.join("|", rule.sourceCidrs()), ctx -> cidrs.contains(ctx.sourceAddress())));
        }
        for (Map.Entry<String, String> header : rule.headers().entrySet()) {
            String field = at + ".headers[" + header.getKey() + "]";
            HeaderMatcher m = header.getValue().equals("*")
                    ? guarded(field, () -> HeaderMatcher.of(header.getKey(), HeaderMatcher.Operator.PRESENT, List.of()))
                    : guarded(
                            field,
                            () -> HeaderMatcher.of(
                                    header.getKey(), HeaderMatcher.Operator.GLOB, List.of(header.getValue())));
            terms.add(new Term("header " + header.getKey() + "=" + header.getValue(), m::matches));
        }
        if (!rule.timeWindows().isEmpty()) {
            List<TimeWindow> windows = new ArrayList<>();
            for (int i = 0; i < rule.timeWindows().size(); i++) {
                String spec = rule.timeWindows().get(i);
                windows.add(guarded(at + ".timeWindows[" + i + "]", () -> TimeWindow.parse(spec)));
            }
            terms.add(new Term("time " + String.join("|", rule.timeWindows()), ctx -> {
                for (TimeWindow window : windows) {
                    if (window.contains(ctx.time())) {
                        return true;
                    }
                }
                return false;
            }));
        }
        CelCondition condition = rule.condition() == null
                ? null
                : guarded(at + ".condition", () -> CelCondition.compile(rule.condition()));
        return new CompiledRule(rule, order, terms.toArray(Term[]::new), condition);
    }

    /**
     * Matches the rule; {@code bindings} supplies the request's CEL variables, built once per
     * request by the caller when the first CEL condition is reached.
     */
    Match match(RequestContext context, PolicyEngine.LazyBindings bindings) {
        if (!methods.isEmpty() && !methods.contains(context.method())) {
            return Match.NO;
        }
        for (Term term : terms) {
            if (!term.test().test(context)) {
                return Match.NO;
            }
        }
        if (condition == null) {
            return Match.YES;
        }
        CelCondition.Result result = condition.evaluate(bindings.get());
        if (result.failed()) {
            return Match.ERROR;
        }
        return result.matched() ? Match.YES : Match.NO;
    }

    private static boolean anyGlob(List<GlobMatcher> globs, String value) {
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
