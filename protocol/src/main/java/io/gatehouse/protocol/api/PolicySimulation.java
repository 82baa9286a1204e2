package io.gatehouse.protocol.api;

import java.util.List;

/**
 * The answer of {@code POST /api/v1/policies:simulate}: what an agent would decide, and why.
 *
 * @param allowed true when the call would pass the policy step
 * @param effect allow or deny
 * @param ruleId the deciding rule ({@code policyId:ruleId}), {@code default} for the tenant default,
 *     or {@code binding:argument} for an argument guard
 * @param reason a stable key, e.g. {@code POLICY_RULE_DENY}, {@code POLICY_DEFAULT_DENY},
 *     {@code PATH_OUTSIDE_ALLOWLIST}
 * @param message a readable explanation
 * @param matched the deciding rule's conditions that held
 * @param shadow what a shadow-mode rule would have decided, or null
 * @param policyDefault the tenant default applied when no rule matches
 * @param rules how many enabled rules the decision was computed from
 */
public record PolicySimulation(
        boolean allowed,
        Effect effect,
        String ruleId,
        String reason,
        String message,
        List<String> matched,
        ShadowDecision shadow,
        Effect policyDefault,
        int rules) {

    /**
     * A shadow-mode rule's would-be decision (recorded by agents, never enforced).
     *
     * @param ruleId the shadow rule
     * @param effect what it would enforce
     * @param reason {@code POLICY_SHADOW_DENY}, {@code POLICY_SHADOW_ALLOW} or {@code POLICY_CONDITION_ERROR}
     * @param matched its conditions that held
     */
    public record ShadowDecision(String ruleId, Effect effect, String reason, List<String> matched) {}
}
