package io.gatehouse.terraform.internal.resources;

import static io.gatehouse.terraform.internal.cty.CtyType.BOOL;
import static io.gatehouse.terraform.internal.cty.CtyType.NUMBER;
import static io.gatehouse.terraform.internal.cty.CtyType.STRING;
import static io.gatehouse.terraform.internal.cty.CtyType.listOf;
import static io.gatehouse.terraform.internal.cty.CtyType.mapOf;
import static io.gatehouse.terraform.internal.resources.RegistryResources.id;
import static io.gatehouse.terraform.internal.resources.RegistryResources.version;
import static io.gatehouse.terraform.internal.schema.Attribute.optional;
import static io.gatehouse.terraform.internal.schema.Attribute.optionalComputed;
import static io.gatehouse.terraform.internal.schema.Attribute.required;

import io.gatehouse.protocol.api.Direction;
import io.gatehouse.protocol.api.Effect;
import io.gatehouse.protocol.api.FailureMode;
import io.gatehouse.protocol.api.LimitKey;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRequest;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.RateLimit;
import io.gatehouse.protocol.api.RateLimitRequest;
import io.gatehouse.protocol.api.RedactionAction;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.RedactionRuleRequest;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleSubjects;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.TimeWindow;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.terraform.internal.schema.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Policies (ordered rule blocks), redaction rules and rate limits. */
final class PolicyResources {
    private PolicyResources() {}

    private static final Block RULE = new Block(
            List.of(
                    optionalComputed(
                            "id", STRING, "Stable rule id reported with every decision (default r1, r2, ...)."),
                    optional("description", STRING, "What the rule is for."),
                    required("effect", STRING, "What a match does.").oneOf("allow", "deny"),
                    optional("users", listOf(STRING), "Subjects (sub) it applies to; empty matches everyone."),
                    optional("groups", listOf(STRING), "Groups it applies to."),
                    optional("clients", listOf(STRING), "OAuth client ids it applies to."),
                    optional("claims", mapOf(STRING), "Token claims that must have these values."),
                    optional("servers", listOf(STRING), "Server ids it applies to."),
                    optional("tools", listOf(STRING), "Tool name globs it applies to."),
                    optional("methods", listOf(STRING), "MCP methods it applies to, e.g. tools/call."),
                    optional("cel", STRING, "CEL condition over the request context."),
                    optional("source_cidrs", listOf(STRING), "Client address ranges."),
                    optional("headers", mapOf(STRING), "Request headers that must have these values."),
                    optional("time_window_days", listOf(STRING), "Days (mon..sun) of the time window."),
                    optional("time_window_start", STRING, "Start (HH:mm) of the time window."),
                    optional("time_window_end", STRING, "End (HH:mm) of the time window."),
                    optional("time_window_zone", STRING, "IANA zone of the time window.")),
            "One rule; rules are evaluated in the order written.");

    static ManagedResource policy() {
        Block schema = new Block(
                List.of(
                        id(),
                        version(),
                        required("name", STRING, "Policy name."),
                        optional("description", STRING, "What the policy is for."),
                        optionalComputed("priority", NUMBER, "Lower is evaluated first (default 100)."),
                        optionalComputed("mode", STRING, "enforce, or shadow to only log decisions (default enforce).")
                                .oneOf("enforce", "shadow"),
                        optionalComputed("enabled", BOOL, "Whether the policy is in force (default true).")),
                List.of(new Block.NestedBlock("rule", RULE, 1, 0)),
                "A contextual policy: ordered rules in enforce or shadow mode.");
        return new CrudResource<>(
                "gatehouse_policy",
                schema,
                Gatehouse::policies,
                o -> new PolicyRequest(
                        o.str("name"),
                        o.str("description"),
                        o.integer("priority"),
                        o.enumValue("mode", PolicyMode.class),
                        o.bool("enabled"),
                        o.blocks("rule").stream().map(PolicyResources::rule).toList()),
                (Policy r) -> new State()
                        .put("id", r.id())
                        .put("version", r.version())
                        .put("name", r.name())
                        .put("description", r.description())
                        .put("priority", r.priority())
                        .put("mode", r.mode())
                        .put("enabled", r.enabled())
                        .put("rule", ruleStates(r.rules()))
                        .build(),
                Map.ofEntries(
                        Map.entry("rules", "rule"),
                        Map.entry("subjects.users", "users"),
                        Map.entry("subjects.groups", "groups"),
                        Map.entry("subjects.clients", "clients"),
                        Map.entry("subjects.claims", "claims"),
                        Map.entry("targets.servers", "servers"),
                        Map.entry("targets.tools", "tools"),
                        Map.entry("targets.methods", "methods"),
                        Map.entry("conditions.cel", "cel"),
                        Map.entry("conditions.sourceCidrs", "source_cidrs"),
                        Map.entry("conditions.headers", "headers"),
                        Map.entry("conditions.timeWindow", "time_window_days"),
                        Map.entry("conditions.timeWindow.days", "time_window_days"),
                        Map.entry("conditions.timeWindow.start", "time_window_start"),
                        Map.entry("conditions.timeWindow.end", "time_window_end"),
                        Map.entry("conditions.timeWindow.zone", "time_window_zone")));
    }

    private static PolicyRule rule(Obj o) {
        RuleSubjects subjects = anySet(o, "users", "groups", "clients", "claims")
                ? new RuleSubjects(o.strings("users"), o.strings("groups"), o.strings("clients"), o.stringMap("claims"))
                : null;
        RuleTargets targets = anySet(o, "servers", "tools", "methods")
                ? new RuleTargets(o.strings("servers"), o.strings("tools"), o.strings("methods"))
                : null;
        TimeWindow window = anySet(o, "time_window_days", "time_window_start", "time_window_end", "time_window_zone")
                ? new TimeWindow(
                        o.strings("time_window_days"),
                        o.str("time_window_start"),
                        o.str("time_window_end"),
                        o.str("time_window_zone"))
                : null;
        RuleConditions conditions = window != null || anySet(o, "cel", "source_cidrs", "headers")
                ? new RuleConditions(o.str("cel"), o.strings("source_cidrs"), window, o.stringMap("headers"))
                : null;
        return new PolicyRule(
                o.str("id"), o.str("description"), subjects, targets, conditions, o.enumValue("effect", Effect.class));
    }

    private static boolean anySet(Obj o, String... names) {
        for (String name : names) {
            if (o.raw(name) != null) {
                return true;
            }
        }
        return false;
    }

    private static List<Object> ruleStates(List<PolicyRule> rules) {
        List<Object> out = new ArrayList<>();
        for (PolicyRule r : rules == null ? List.<PolicyRule>of() : rules) {
            RuleSubjects s = r.subjects() == null ? new RuleSubjects(null, null, null, null) : r.subjects();
            RuleTargets t = r.targets() == null ? new RuleTargets(null, null, null) : r.targets();
            RuleConditions c = r.conditions() == null ? new RuleConditions(null, null, null, null) : r.conditions();
            TimeWindow w = c.timeWindow() == null ? new TimeWindow(null, null, null, null) : c.timeWindow();
            out.add(new State()
                    .put("id", r.id())
                    .put("description", r.description())
                    .put("effect", r.effect())
                    .put("users", s.users())
                    .put("groups", s.groups())
                    .put("clients", s.clients())
                    .put("claims", s.claims())
                    .put("servers", t.servers())
                    .put("tools", t.tools())
                    .put("methods", t.methods())
                    .put("cel", c.cel())
                    .put("source_cidrs", c.sourceCidrs())
                    .put("headers", c.headers())
                    .put("time_window_days", w.days())
                    .put("time_window_start", w.start())
                    .put("time_window_end", w.end())
                    .put("time_window_zone", w.zone())
                    .build());
        }
        return out;
    }

    static ManagedResource redactionRule() {
        Block schema = new Block(
                List.of(
                        id(),
                        version(),
                        required("name", STRING, "Rule name."),
                        optional("detectors", listOf(STRING), "Built-in detectors, e.g. email, aws_access_key_id."),
                        optional("patterns", listOf(STRING), "RE2 regular expressions."),
                        required("direction", STRING, "Which side of a tool call it inspects.")
                                .oneOf("request", "response", "both"),
                        required("action", STRING, "What it does with a match.").oneOf("mask", "hash", "block"),
                        optional("server_ids", listOf(STRING), "Servers it applies to; empty means every server.")),
                "A DLP rule.");
        return new CrudResource<>(
                "gatehouse_redaction_rule",
                schema,
                Gatehouse::redactionRules,
                o -> new RedactionRuleRequest(
                        o.str("name"),
                        o.strings("detectors"),
                        o.strings("patterns"),
                        o.enumValue("direction", Direction.class),
                        o.enumValue("action", RedactionAction.class),
                        o.strings("server_ids")),
                (RedactionRule r) -> new State()
                        .put("id", r.id())
                        .put("version", r.version())
                        .put("name", r.name())
                        .put("detectors", r.detectors())
                        .put("patterns", r.patterns())
                        .put("direction", r.direction())
                        .put("action", r.action())
                        .put("server_ids", r.serverIds())
                        .build(),
                Map.of());
    }

    static ManagedResource rateLimit() {
        Block schema = new Block(
                List.of(
                        id(),
                        version(),
                        required("name", STRING, "Limit name."),
                        required("key", STRING, "What the bucket counts by.")
                                .oneOf("tenant", "principal", "client", "server", "tool"),
                        optional("server_id", STRING, "Limit only calls to this server."),
                        optional("tool", STRING, "Limit only this tool."),
                        required("capacity", NUMBER, "Bucket size (burst)."),
                        optionalComputed("refill_tokens", NUMBER, "Tokens added per period (default capacity)."),
                        required("refill_period_seconds", NUMBER, "Refill period in seconds."),
                        optionalComputed(
                                        "failure_mode",
                                        STRING,
                                        "What happens when the shared store is down (default closed).")
                                .oneOf("open", "closed")),
                "A token-bucket rate limit.");
        return new CrudResource<>(
                "gatehouse_rate_limit",
                schema,
                Gatehouse::rateLimits,
                o -> new RateLimitRequest(
                        o.str("name"),
                        o.enumValue("key", LimitKey.class),
                        o.str("server_id"),
                        o.str("tool"),
                        o.lng("capacity"),
                        o.lng("refill_tokens"),
                        o.lng("refill_period_seconds"),
                        o.enumValue("failure_mode", FailureMode.class)),
                (RateLimit r) -> new State()
                        .put("id", r.id())
                        .put("version", r.version())
                        .put("name", r.name())
                        .put("key", r.key())
                        .put("server_id", r.serverId())
                        .put("tool", r.tool())
                        .put("capacity", r.capacity())
                        .put("refill_tokens", r.refillTokens())
                        .put("refill_period_seconds", r.refillPeriodSeconds())
                        .put("failure_mode", r.failureMode())
                        .build(),
                Map.of());
    }
}
