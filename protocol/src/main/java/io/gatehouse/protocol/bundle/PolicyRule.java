package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.ID;
import static io.gatehouse.protocol.bundle.Checks.list;
import static io.gatehouse.protocol.bundle.Checks.matching;
import static io.gatehouse.protocol.bundle.Checks.optionalText;
import static io.gatehouse.protocol.bundle.Checks.required;
import static io.gatehouse.protocol.bundle.Checks.stringList;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param users principal subjects (any of)
 * @param clients OAuth client ids (any of)
 * @param claims token claims: name → required value (a scalar claim equals it, an array claim
 *     contains it); all must hold
 * @param resourcePatterns globs over the resource URI of {@code resources/read|subscribe}
 * @param sourceCidrs client source address blocks (any of)
 * @param timeWindows time windows such as {@code Mon-Fri 09:00-17:00 Europe/Berlin} (any of)
 * @param headers request headers: name → glob every occurrence must match ({@code *} = present);
 *     all must hold
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
        String condition,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> users,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> clients,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> claims,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> resourcePatterns,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> sourceCidrs,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> timeWindows,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> headers) {

    static final Pattern METHOD = Pattern.compile("[A-Za-z0-9_/]{1,128}");
    static final Pattern GROUP = Pattern.compile("[^\\p{Cntrl}]{1,256}");
    static final Pattern CLAIM_NAME = Pattern.compile("[^\\p{Cntrl}]{1,256}");
    static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}");
    static final Pattern SHORT_TEXT = Pattern.compile("[^\\p{Cntrl}]{1,1024}");

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
        users = stringList(list(users, "users"), GROUP, "users");
        clients = stringList(list(clients, "clients"), GROUP, "clients");
        claims = textMap(claims, CLAIM_NAME, "claims");
        resourcePatterns = stringList(list(resourcePatterns, "resourcePatterns"), SHORT_TEXT, "resourcePatterns");
        sourceCidrs = stringList(list(sourceCidrs, "sourceCidrs"), SHORT_TEXT, "sourceCidrs");
        timeWindows = stringList(list(timeWindows, "timeWindows"), SHORT_TEXT, "timeWindows");
        headers = textMap(headers, HEADER_NAME, "headers");
    }

    /** A rule with the original matchers only (server, tool, method, group, CEL). */
    public PolicyRule(
            String id,
            int priority,
            Effect effect,
            Mode mode,
            String description,
            List<String> serverIds,
            List<String> toolPatterns,
            List<String> methods,
            List<String> groups,
            String condition) {
        this(
                id,
                priority,
                effect,
                mode,
                description,
                serverIds,
                toolPatterns,
                methods,
                groups,
                condition,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static Map<String, String> textMap(Map<String, String> values, Pattern keyPattern, String field) {
        if (values == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            matching(key, keyPattern, field + " (name)");
            matching(value, SHORT_TEXT, field + "[" + key + "]");
            copy.put(key, value);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
