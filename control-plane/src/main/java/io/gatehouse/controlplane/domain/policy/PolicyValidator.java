package io.gatehouse.controlplane.domain.policy;

import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.engine.match.CelCondition;
import io.gatehouse.engine.policy.PolicyCompileException;
import io.gatehouse.engine.policy.PolicyEngine;
import io.gatehouse.engine.policy.PolicySet;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleSubjects;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.TimeWindow;
import io.gatehouse.protocol.bundle.PolicyRule.Effect;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Validation of policy rules: structure first, then the engine's own compile (the code agents
 * enforce with), so validation and enforcement agree.
 */
final class PolicyValidator {
    static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.*?/-]{1,128}");
    private static final Pattern METHOD = Pattern.compile("[a-z]+(/[a-zA-Z]+)*|\\*");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:./-]{1,128}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]{2,39}");
    private static final Pattern HHMM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Set<String> DAYS = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private PolicyValidator() {}

    static void rules(List<PolicyRule> rules, Validation v, Predicate<UUID> serverExists) {
        if (!v.required("rules", rules)) {
            return;
        }
        if (rules.isEmpty()) {
            v.error("rules", "must have at least one rule");
        }
        Set<String> ids = new HashSet<>();
        v.each("rules", rules, 200, (path, rule) -> {
            if (rule.id() != null
                    && v.matches(path + ".id", rule.id(), RULE_ID, "lower-case letters, digits, - and _")
                    && !ids.add(rule.id())) {
                v.error(path + ".id", "'" + rule.id() + "' is used by another rule of this policy");
            }
            v.optionalText(path + ".description", rule.description(), 1000);
            v.required(path + ".effect", rule.effect());
            subjects(path + ".subjects", rule.subjects(), v);
            targets(path + ".targets", rule.targets(), v, serverExists);
            conditions(path + ".conditions", rule.conditions(), v);
            if (v.ok(path)) {
                compiles(path, rule, v);
            }
        });
    }

    private static void subjects(String path, RuleSubjects s, Validation v) {
        if (s == null) {
            return;
        }
        v.each(path + ".users", s.users(), 500, (p, x) -> v.text(p, x, 256));
        v.each(path + ".groups", s.groups(), 500, (p, x) -> v.text(p, x, 256));
        v.each(path + ".clients", s.clients(), 500, (p, x) -> v.text(p, x, 256));
        if (s.claims() != null) {
            s.claims().forEach((claim, value) -> {
                v.matches(path + ".claims." + claim, claim, CLAIM, "a claim name");
                if (value == null) {
                    v.error(path + ".claims." + claim, "must not be null");
                } else {
                    v.optionalText(path + ".claims." + claim, value, 256);
                }
            });
        }
    }

    private static void targets(String path, RuleTargets t, Validation v, Predicate<UUID> serverExists) {
        if (t == null) {
            return;
        }
        v.each(path + ".servers", t.servers(), 500, (p, id) -> {
            try {
                if (!serverExists.test(UUID.fromString(id))) {
                    v.error(p, "no such server");
                }
            } catch (IllegalArgumentException e) {
                v.error(p, "'" + Validation.clip(id) + "' is not a server id");
            }
        });
        v.each(path + ".tools", t.tools(), 500, (p, x) -> v.matches(p, x, TOOL, "a tool name or a glob with * and ?"));
        v.each(
                path + ".methods",
                t.methods(),
                50,
                (p, x) -> v.matches(p, x, METHOD, "an MCP method such as tools/call"));
    }

    private static void conditions(String path, RuleConditions c, Validation v) {
        if (c == null) {
            return;
        }
        if (c.cel() != null && v.text(path + ".cel", c.cel(), CelCondition.MAX_EXPRESSION_LENGTH)) {
            try {
                CelCondition.compile(c.cel()); // the agents' compiler: same variables, macros and limits
            } catch (IllegalArgumentException e) {
                v.error(path + ".cel", e.getMessage());
            }
        }
        v.each(path + ".sourceCidrs", c.sourceCidrs(), 200, (p, cidr) -> cidr(p, cidr, v));
        TimeWindow w = c.timeWindow();
        if (w != null) {
            v.each(
                    path + ".timeWindow.days",
                    w.days(),
                    7,
                    (p, d) -> v.check(
                            p,
                            d,
                            DAYS::contains,
                            "'" + Validation.clip(d)
                                    + "' is invalid (expected one of: mon, tue, wed, thu, fri, sat, sun)"));
            if (v.required(path + ".timeWindow.start", w.start())) {
                v.matches(path + ".timeWindow.start", w.start(), HHMM, "HH:mm");
            }
            if (v.required(path + ".timeWindow.end", w.end())) {
                v.matches(path + ".timeWindow.end", w.end(), HHMM, "HH:mm");
            }
            if (w.start() != null
                    && w.end() != null
                    && HHMM.matcher(w.start()).matches()
                    && HHMM.matcher(w.end()).matches()
                    && LocalTime.parse(w.start()).equals(LocalTime.parse(w.end()))) {
                v.error(path + ".timeWindow.end", "must differ from start");
            }
            if (w.zone() != null) {
                try {
                    ZoneId.of(w.zone());
                } catch (DateTimeException e) {
                    v.error(path + ".timeWindow.zone", "'" + Validation.clip(w.zone()) + "' is not an IANA time zone");
                }
            }
        }
        if (c.headers() != null) {
            c.headers().forEach((name, value) -> {
                v.matches(path + ".headers." + name, name, HEADER, "an HTTP header name");
                if (value == null) {
                    v.error(path + ".headers." + name, "must not be null");
                } else {
                    v.optionalText(path + ".headers." + name, value, 1024);
                }
            });
        }
    }

    /**
     * Compiles the rule with the engine the agents run, so a rule the API accepts is a rule every
     * agent compiles (CEL, CIDR blocks, time windows, header globs); its message names the setting.
     */
    private static void compiles(String path, PolicyRule rule, Validation v) {
        try {
            io.gatehouse.protocol.bundle.PolicyRule compiled =
                    PolicyBundleMapping.rule("new", PolicyMode.ENFORCE, rule, 0);
            PolicyEngine.compile(new PolicySet(0, List.of(compiled), List.of(), Effect.DENY));
        } catch (PolicyCompileException e) {
            String field = PolicyBundleMapping.apiField(e.field());
            String message = e.getMessage().substring(e.field().length() + 2);
            v.error(field.isEmpty() ? path : path + "." + field, message);
        } catch (IllegalArgumentException e) {
            v.error(path, e.getMessage());
        }
    }

    private static void cidr(String path, String cidr, Validation v) {
        String[] parts = cidr.split("/", -1);
        String address = parts[0];
        boolean literal = IPV4.matcher(address).matches()
                || (address.contains(":") && IPV6.matcher(address).matches());
        if (parts.length > 2 || !literal) {
            v.error(path, "'" + Validation.clip(cidr) + "' is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32");
            return;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            int max = parsed.getAddress().length * 8;
            if (parts.length == 2) {
                int prefix = Integer.parseInt(parts[1]);
                if (prefix < 0 || prefix > max) {
                    v.error(path, "prefix /" + prefix + " is out of range (expected: 0.." + max + ")");
                }
            }
        } catch (UnknownHostException | NumberFormatException e) {
            v.error(path, "'" + Validation.clip(cidr) + "' is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32");
        }
    }
}
