package io.gatehouse.engine.supplychain;

import io.gatehouse.protocol.tools.ToolFingerprint;
import java.util.Objects;

/**
 * The pin check of one announced tool.
 *
 * @param name tool name
 * @param status what the check found
 * @param announced fingerprint of the announced definition (what an admin approves to accept a change)
 * @param pinned the approved fingerprint, or null when the tool has no pin
 * @param visible whether the tool is listed to clients and its calls are allowed
 */
public record ToolVerdict(
        String name, PinStatus status, ToolFingerprint announced, ToolFingerprint pinned, boolean visible) {

    public ToolVerdict {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(announced, "announced");
    }

    /** Stable UPPER_SNAKE reason a call is refused, or null when the tool is visible. */
    public String refusalKey() {
        if (visible) {
            return null;
        }
        return switch (status) {
            case CHANGED -> "TOOL_CHANGED_PENDING_APPROVAL";
            case NEW_UNPINNED -> "TOOL_NOT_APPROVED";
            case DUPLICATE_NAME -> "TOOL_DUPLICATE_NAME";
            case PINNED_OK -> throw new IllegalStateException("pinned tool '" + name + "' is not visible");
        };
    }
}
