package io.gatehouse.engine.policy;

import static java.util.Objects.requireNonNull;

import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.PolicyRule;
import io.gatehouse.protocol.bundle.ToolBinding;
import java.util.List;

/**
 * What {@link PolicyEngine#compile} reads: the policy rules, the tool bindings (for their argument
 * guards) and the tenant default, plus the bundle version every decision reports.
 *
 * @param bundleVersion the version of the bundle the rules come from (0 for a simulation of rules
 *     not yet published)
 * @param rules policy rules, in any order (evaluated by ascending priority, ties in list order)
 * @param bindings tool bindings; their {@code argumentGuards} are enforced on {@code tools/call}
 * @param defaultEffect the decision when no enforcing rule matches an operation
 */
public record PolicySet(
        long bundleVersion, List<PolicyRule> rules, List<ToolBinding> bindings, PolicyRule.Effect defaultEffect) {

    public PolicySet {
        rules = List.copyOf(requireNonNull(rules, "rules"));
        bindings = List.copyOf(requireNonNull(bindings, "bindings"));
        requireNonNull(defaultEffect, "defaultEffect");
    }

    /**
     * The default when none is stated (as {@code Bundle.effectivePolicyDefault()}): deny as soon as
     * there is any rule, allow when there is none (a tenant using scopes and kill switches only).
     */
    public static PolicyRule.Effect impliedDefault(List<PolicyRule> rules) {
        return rules.isEmpty() ? PolicyRule.Effect.ALLOW : PolicyRule.Effect.DENY;
    }

    /** The policy part of a bundle, with its effective default. */
    public static PolicySet of(Bundle bundle) {
        return new PolicySet(
                bundle.metadata().version(), bundle.policies(), bundle.toolBindings(), bundle.effectivePolicyDefault());
    }
}
