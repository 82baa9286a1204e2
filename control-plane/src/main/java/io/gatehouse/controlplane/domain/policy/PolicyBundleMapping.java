package io.gatehouse.controlplane.domain.policy;

import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleSubjects;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.TimeWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the API's policies (policy → ordered rules) to the bundle's flat rule list, the input of the
 * engine's {@code PolicyEngine}. Used by validation (a rule must compile as an agent will compile it)
 * and by {@code policies:simulate}. The bundle compiler must produce the same rules: this is the one
 * place that says how (ids {@code policyId:ruleId}, priorities in evaluation order, a policy's mode on
 * each of its rules, time windows as {@code "Mon,Tue 09:00-17:00 Zone"}).
 */
public final class PolicyBundleMapping {

    private PolicyBundleMapping() {}

    /** The bundle rules of the enabled policies, in evaluation order: policy priority, then rule order. */
    public static List<io.gatehouse.protocol.bundle.PolicyRule> rules(List<Policy> policies) {
        List<Policy> ordered =
                new ArrayList<>(policies.stream().filter(Policy::enabled).toList());
        ordered.sort(Comparator.comparingInt(Policy::priority)
                .thenComparing(p -> p.createdAt() == null ? java.time.Instant.EPOCH : p.createdAt())
                .thenComparing(Policy::id));
        List<io.gatehouse.protocol.bundle.PolicyRule> rules = new ArrayList<>();
        for (Policy policy : ordered) {
            for (PolicyRule rule : policy.rules()) {
                rules.add(rule(policy.id(), policy.mode(), rule, rules.size()));
            }
        }
        return List.copyOf(rules);
    }

    /**
     * One rule of a policy as the bundle carries it.
     *
     * @param policyId the policy's id, the prefix of the bundle rule id
     * @param priority the rule's position in evaluation order
     * @throws IllegalArgumentException when a value does not fit the bundle model
     */
    public static io.gatehouse.protocol.bundle.PolicyRule rule(
            String policyId, PolicyMode mode, PolicyRule rule, int priority) {
        RuleSubjects s = rule.subjects() == null ? new RuleSubjects(null, null, null, null) : rule.subjects();
        RuleTargets t = rule.targets() == null ? new RuleTargets(null, null, null) : rule.targets();
        RuleConditions c = rule.conditions() == null ? new RuleConditions(null, null, null, null) : rule.conditions();
        List<String> methods = t.methods() == null || t.methods().contains("*") ? List.of() : t.methods();
        return new io.gatehouse.protocol.bundle.PolicyRule(
                policyId + ":" + rule.id(),
                priority,
                rule.effect() == io.gatehouse.protocol.api.Effect.DENY
                        ? io.gatehouse.protocol.bundle.PolicyRule.Effect.DENY
                        : io.gatehouse.protocol.bundle.PolicyRule.Effect.ALLOW,
                mode == PolicyMode.SHADOW
                        ? io.gatehouse.protocol.bundle.PolicyRule.Mode.SHADOW
                        : io.gatehouse.protocol.bundle.PolicyRule.Mode.ENFORCE,
                rule.description() == null || rule.description().isBlank() ? null : rule.description(),
                t.servers(),
                t.tools(),
                methods,
                s.groups(),
                c.cel(),
                s.users(),
                s.clients(),
                s.claims(),
                null,
                c.sourceCidrs(),
                c.timeWindow() == null ? null : List.of(timeWindow(c.timeWindow())),
                c.headers());
    }

    /** {@code {days:[mon,tue], start:09:00, end:17:00, zone:Europe/Berlin}} → {@code "Mon,Tue 09:00-17:00 Europe/Berlin"}. */
    static String timeWindow(TimeWindow w) {
        List<String> days = w.days() == null || w.days().isEmpty()
                ? List.of("Mon-Sun")
                : w.days().stream()
                        .map(d -> d.isEmpty()
                                ? d
                                : d.substring(0, 1).toUpperCase(Locale.ROOT)
                                        + d.substring(1).toLowerCase(Locale.ROOT))
                        .toList();
        String zone = w.zone() == null || w.zone().isBlank() ? "UTC" : w.zone();
        return String.join(",", days) + " " + w.start() + "-" + w.end() + " " + zone;
    }

    /** The API path of the setting a bundle field path names (e.g. {@code condition} → {@code conditions.cel}). */
    static String apiField(String bundleField) {
        int at = bundleField.indexOf("].");
        String tail = at < 0 ? "" : bundleField.substring(at + 2);
        Map<String, String> prefixes = Map.of(
                "condition", "conditions.cel",
                "sourceCidrs", "conditions.sourceCidrs",
                "timeWindows", "conditions.timeWindow",
                "headers", "conditions.headers",
                "claims", "subjects.claims",
                "toolPatterns", "targets.tools");
        for (Map.Entry<String, String> prefix : prefixes.entrySet()) {
            if (tail.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return "";
    }
}
