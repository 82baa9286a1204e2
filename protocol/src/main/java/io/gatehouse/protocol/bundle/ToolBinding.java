package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.ID;
import static io.gatehouse.protocol.bundle.Checks.SCOPE;
import static io.gatehouse.protocol.bundle.Checks.matching;
import static io.gatehouse.protocol.bundle.Checks.required;
import static io.gatehouse.protocol.bundle.Checks.stringList;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What calling a tool needs: every binding whose server and pattern match a tool applies, and the
 * caller must hold the union of their required scopes.
 *
 * @param id stable id
 * @param serverId the server the binding applies to
 * @param toolPattern a tool name or a glob ({@code *} any run, {@code ?} one character)
 * @param requiredScopes scopes the caller must hold
 * @param risk how dangerous the tool is
 * @param guardedArguments argument names that policy argument guards inspect
 * @param argumentGuards how the data plane checks arguments (path or URL guards) before the call
 */
public record ToolBinding(
        String id,
        String serverId,
        String toolPattern,
        List<String> requiredScopes,
        Risk risk,
        List<String> guardedArguments,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ArgumentGuardSpec> argumentGuards) {

    static final Pattern TOOL_PATTERN = Pattern.compile("[A-Za-z0-9_./*?-]{1,128}");
    static final Pattern ARGUMENT = Pattern.compile("[A-Za-z0-9_.$-]{1,128}");

    public enum Risk {
        @JsonProperty("read")
        READ,
        @JsonProperty("write")
        WRITE,
        @JsonProperty("destructive")
        DESTRUCTIVE
    }

    public ToolBinding {
        matching(id, ID, "id");
        matching(serverId, ID, "serverId");
        matching(toolPattern, TOOL_PATTERN, "toolPattern");
        requiredScopes = stringList(requiredScopes, SCOPE, "requiredScopes");
        required(risk, "risk");
        guardedArguments = stringList(guardedArguments, ARGUMENT, "guardedArguments");
        argumentGuards = Checks.unique(
                Checks.list(argumentGuards, "argumentGuards"),
                ArgumentGuardSpec::argument,
                "argumentGuards (argument)");
    }

    /** A binding without argument guards. */
    public ToolBinding(
            String id,
            String serverId,
            String toolPattern,
            List<String> requiredScopes,
            Risk risk,
            List<String> guardedArguments) {
        this(id, serverId, toolPattern, requiredScopes, risk, guardedArguments, null);
    }

    /** True when {@code toolName} matches {@link #toolPattern()}. */
    public boolean matches(String toolName) {
        return Glob.matches(toolPattern, toolName);
    }
}
