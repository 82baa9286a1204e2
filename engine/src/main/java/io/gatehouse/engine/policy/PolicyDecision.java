package io.gatehouse.engine.policy;

import static java.util.Objects.requireNonNull;

import io.gatehouse.protocol.bundle.PolicyRule.Effect;
import java.util.List;
import java.util.Optional;

/**
 * The answer to "may this call pass, and why".
 *
 * @param effect what is enforced: allow or deny
 * @param ruleId the rule that decided: a policy rule id, {@code default} for the tenant default,
 *     or {@code binding-id:argument} for an argument guard
 * @param reason a stable UPPER_SNAKE key (see {@link Reasons}), identical in responses, audit,
 *     logs and metrics
 * @param message a client-safe explanation (never contains argument values or claims)
 * @param matched the conditions of the deciding rule that held, e.g. {@code server srv-files},
 *     {@code tool delete_*}
 * @param bundleVersion the version of the bundle the engine was compiled from
 * @param shadow what the first matching shadow-mode rule before the deciding one would have
 *     decided; recorded, never enforced
 */
public record PolicyDecision(
        Effect effect,
        String ruleId,
        String reason,
        String message,
        List<String> matched,
        long bundleVersion,
        Optional<Shadow> shadow) {

    public PolicyDecision {
        requireNonNull(effect, "effect");
        requireNonNull(ruleId, "ruleId");
        requireNonNull(reason, "reason");
        requireNonNull(message, "message");
        matched = List.copyOf(matched);
        requireNonNull(shadow, "shadow");
    }

    /**
     * A shadow-mode rule's would-be decision.
     *
     * @param ruleId the shadow rule
     * @param effect what it would have enforced
     * @param reason {@link Reasons#SHADOW_ALLOW} or {@link Reasons#SHADOW_DENY} (or
     *     {@link Reasons#CONDITION_ERROR})
     * @param matched its conditions that held
     */
    public record Shadow(String ruleId, Effect effect, String reason, List<String> matched) {
        public Shadow {
            requireNonNull(ruleId, "ruleId");
            requireNonNull(effect, "effect");
            requireNonNull(reason, "reason");
            matched = List.copyOf(matched);
        }
    }

    public boolean allowed() {
        return effect == Effect.ALLOW;
    }

    /** The stable reason keys of a decision. */
    public static final class Reasons {
        /** An enforcing allow rule matched (and every argument guard passed). */
        public static final String RULE_ALLOW = "POLICY_RULE_ALLOW";
        /** An enforcing deny rule matched. */
        public static final String RULE_DENY = "POLICY_RULE_DENY";
        /** No enforcing rule matched; the tenant default is allow. */
        public static final String DEFAULT_ALLOW = "POLICY_DEFAULT_ALLOW";
        /** No enforcing rule matched; the tenant default is deny. */
        public static final String DEFAULT_DENY = "POLICY_DEFAULT_DENY";
        /** No rule matched a protocol-plumbing method (initialize, ping, lists…): not subject to the default. */
        public static final String NOT_GOVERNED = "POLICY_NOT_GOVERNED";
        /** A deny rule's CEL condition failed to evaluate: fail closed. */
        public static final String CONDITION_ERROR = "POLICY_CONDITION_ERROR";
        /** A shadow rule would have allowed. */
        public static final String SHADOW_ALLOW = "POLICY_SHADOW_ALLOW";
        /** A shadow rule would have denied. */
        public static final String SHADOW_DENY = "POLICY_SHADOW_DENY";

        private Reasons() {}
    }
}
