package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.ID;
import static io.gatehouse.protocol.bundle.Checks.list;
import static io.gatehouse.protocol.bundle.Checks.matching;
import static io.gatehouse.protocol.bundle.Checks.optionalText;
import static io.gatehouse.protocol.bundle.Checks.required;
import static io.gatehouse.protocol.bundle.Checks.stringList;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A contextual policy rule, evaluated in ascending {@code priority}. The policy issue extends the
 * matchers; every list is a conjunction term and an empty list matches anything.
 *
 * @param id stable id, reported with every decision
 * @param priority evaluation order (lower first)
 * @param effect allow or deny
 * @param mode enforce, or shadow (log the decision only)
 * @param description why the rule exists
 * @param serverIds servers the rule applies to
 * @param toolPatterns tool-name globs
 * @param methods JSON-RPC methods
 * @param groups principal groups (any of)
 * @param condition an optional CEL expression over the request context
 */
public record PolicyRule(
        String id,
        @JsonProperty(required = true) int priority,
        Effect effect,
        Mode mode,
        String description,
        List<String> serverIds,
        List<String> toolPatterns,
        List<String> methods,
        List<String> groups,
        String condition) {

    static final Pattern METHOD = Pattern.compile("[A-Za-z0-9_/]{1,128}");
    static final Pattern GROUP = Pattern.compile("[^\\p{Cntrl}]{1,256}");

    public enum Effect {
        @JsonProperty("allow")
        ALLOW,
        @JsonProperty("deny")
        DENY
    }

    public enum Mode {
        @JsonProperty("enforce")
        ENFORCE,
        @JsonProperty("shadow")
        SHADOW
    }

    public PolicyRule {
        matching(id, ID, "id");
        if (priority < 0) {
            throw new IllegalArgumentException("priority: " + priority + " (expected: >= 0)");
        }
        required(effect, "effect");
        required(mode, "mode");
        optionalText(description, "description");
        serverIds = stringList(serverIds, ID, "serverIds");
        toolPatterns = stringList(toolPatterns, ToolBinding.TOOL_PATTERN, "toolPatterns");
        methods = stringList(methods, METHOD, "methods");
        groups = stringList(list(groups, "groups"), GROUP, "groups");
        optionalText(condition, "condition");
    }
}
