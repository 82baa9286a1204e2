package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.ID;
import static io.gatehouse.protocol.bundle.Checks.list;
import static io.gatehouse.protocol.bundle.Checks.matching;
import static io.gatehouse.protocol.bundle.Checks.required;
import static io.gatehouse.protocol.bundle.Checks.unique;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A token-bucket limit.
 *
 * @param id stable id
 * @param keyBy the dimensions one bucket is kept per (e.g. principal + tool)
 * @param serverId the server it applies to, or null for all
 * @param toolPattern a tool glob it applies to, or null for all
 * @param capacity bucket size
 * @param refillTokens tokens added per {@code refillPeriod}
 * @param refillPeriod ISO-8601 duration
 * @param failureMode what happens when the shared store (Redis) is unreachable
 */
public record RateLimit(
        String id,
        List<KeyDimension> keyBy,
        String serverId,
        String toolPattern,
        @JsonProperty(required = true) long capacity,
        @JsonProperty(required = true) long refillTokens,
        Duration refillPeriod,
        FailureMode failureMode) {

    public enum KeyDimension {
        @JsonProperty("tenant")
        TENANT,
        @JsonProperty("principal")
        PRINCIPAL,
        @JsonProperty("client")
        CLIENT,
        @JsonProperty("server")
        SERVER,
        @JsonProperty("tool")
        TOOL
    }

    public enum FailureMode {
        /** Allow calls while the store is unreachable. */
        @JsonProperty("open")
        OPEN,
        /** Refuse calls while the store is unreachable. */
        @JsonProperty("closed")
        CLOSED,
        /** Fall back to a local bucket. */
        @JsonProperty("local")
        LOCAL
    }

    public RateLimit {
        matching(id, ID, "id");
        keyBy = unique(list(keyBy, "keyBy"), Function.identity(), "keyBy");
        if (keyBy.isEmpty()) {
            throw new IllegalArgumentException("keyBy: must name at least one dimension");
        }
        if (serverId != null) {
            matching(serverId, ID, "serverId");
        }
        if (toolPattern != null) {
            matching(toolPattern, ToolBinding.TOOL_PATTERN, "toolPattern");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        if (refillTokens < 1) {
            throw new IllegalArgumentException("refillTokens: " + refillTokens + " (expected: >= 1)");
        }
        required(refillPeriod, "refillPeriod");
        if (refillPeriod.isNegative() || refillPeriod.isZero()) {
            throw new IllegalArgumentException("refillPeriod: " + refillPeriod + " (expected: > 0)");
        }
        required(failureMode, "failureMode");
    }
}
