package io.gatehouse.console.ui.views;

import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleSubjects;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.TimeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A policy's rules in words, in evaluation order; plain functions for the policies list. */
final class RuleSummary {
    private RuleSummary() {}

    /** The effects in order, e.g. {@code deny → allow}. */
    static String effects(List<PolicyRule> rules) {
        if (rules == null || rules.isEmpty()) {
            return "none";
        }
        return String.join(
                " → ",
                rules.stream()
                        .map(r -> r.effect() == null ? "?" : r.effect().wire())
                        .toList());
    }

    /**
     * One line per rule: {@code #1 deny [enforce] "description" (rule id): who …; what …; when …}, with
     * the policy's mode on each line so shadow rules are obvious.
     */
    static List<String> lines(Policy policy) {
        List<String> out = new ArrayList<>();
        List<PolicyRule> rules = policy.rules() == null ? List.of() : policy.rules();
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule r = rules.get(i);
            StringBuilder line = new StringBuilder("#" + (i + 1) + " ");
            line.append(r.effect() == null ? "?" : r.effect().wire());
            line.append(" [")
                    .append(policy.mode().wire())
                    .append(policy.enabled() ? "" : ", disabled")
                    .append("]");
            if (r.description() != null && !r.description().isBlank()) {
                line.append(" \"").append(r.description()).append('"');
            }
            if (r.id() != null) {
                line.append(" (").append(policy.id()).append(':').append(r.id()).append(')');
            }
            line.append(": ").append(match(r));
            out.add(line.toString());
        }
        return out;
    }

    private static String match(PolicyRule r) {
        List<String> parts = new ArrayList<>();
        RuleSubjects s = r.subjects();
        if (s != null) {
            add(parts, "users", s.users());
            add(parts, "groups", s.groups());
            add(parts, "clients", s.clients());
            add(parts, "claims", s.claims());
        }
        RuleTargets t = r.targets();
        if (t != null) {
            if (t.servers() != null && !t.servers().isEmpty()) {
                parts.add(t.servers().size() + " server(s)");
            }
            add(parts, "tools", t.tools());
            add(parts, "methods", t.methods());
        }
        RuleConditions c = r.conditions();
        if (c != null) {
            if (c.cel() != null && !c.cel().isBlank()) {
                parts.add("CEL " + c.cel());
            }
            add(parts, "from", c.sourceCidrs());
            TimeWindow w = c.timeWindow();
            if (w != null) {
                parts.add("time " + (w.days() == null || w.days().isEmpty() ? "" : String.join(",", w.days()) + " ")
                        + w.start() + "–" + w.end() + " " + w.zone());
            }
            add(parts, "headers", c.headers());
        }
        return parts.isEmpty() ? "every call" : String.join("; ", parts);
    }

    private static void add(List<String> parts, String label, List<String> values) {
        if (values != null && !values.isEmpty()) {
            parts.add(label + " " + String.join(", ", values));
        }
    }

    private static void add(List<String> parts, String label, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            values.forEach((k, v) -> pairs.add(k + "=" + v));
            parts.add(label + " " + String.join(", ", pairs));
        }
    }
}
