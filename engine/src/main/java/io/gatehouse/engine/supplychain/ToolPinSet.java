package io.gatehouse.engine.supplychain;

import io.gatehouse.protocol.tools.ToolDefinition;
import io.gatehouse.protocol.tools.ToolFingerprint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The approved tools of one upstream MCP server. {@link #check} compares a {@code tools/list} result with
 * them: an unchanged pinned tool is visible; a changed one is hidden and its calls refused until an admin
 * approves the new fingerprint; an unpinned one follows the {@link UnpinnedToolPolicy}; a name announced
 * twice is hidden. Immutable and thread-safe.
 */
public final class ToolPinSet {

    private final Map<String, ToolFingerprint> pins;
    private final UnpinnedToolPolicy unpinned;

    private ToolPinSet(Map<String, ToolFingerprint> pins, UnpinnedToolPolicy unpinned) {
        this.pins = pins;
        this.unpinned = unpinned;
    }

    /**
     * @throws IllegalArgumentException if a name is pinned twice
     */
    public static ToolPinSet of(Collection<ToolPin> pins, UnpinnedToolPolicy unpinned) {
        Objects.requireNonNull(pins, "pins");
        Objects.requireNonNull(unpinned, "unpinned");
        Map<String, ToolFingerprint> byName = new HashMap<>();
        for (ToolPin pin : pins) {
            Objects.requireNonNull(pin, "pin");
            if (byName.put(pin.name(), pin.fingerprint()) != null) {
                throw new IllegalArgumentException("tool pins: duplicate name '" + pin.name() + "'");
            }
        }
        return new ToolPinSet(Map.copyOf(byName), unpinned);
    }

    /** Checks one announced tool list (one verdict per distinct name). */
    public PinCheck check(List<ToolDefinition> announced) {
        Objects.requireNonNull(announced, "announced");
        Map<String, List<ToolDefinition>> byName = new LinkedHashMap<>();
        for (ToolDefinition tool : announced) {
            byName.computeIfAbsent(tool.name(), k -> new ArrayList<>()).add(tool);
        }
        List<ToolVerdict> verdicts = new ArrayList<>(byName.size());
        for (Map.Entry<String, List<ToolDefinition>> entry : byName.entrySet()) {
            String name = entry.getKey();
            ToolFingerprint observed = ToolFingerprint.of(entry.getValue().get(0));
            ToolFingerprint pinned = pins.get(name);
            if (entry.getValue().size() > 1) {
                verdicts.add(new ToolVerdict(name, PinStatus.DUPLICATE_NAME, observed, pinned, false));
            } else if (pinned == null) {
                verdicts.add(new ToolVerdict(
                        name, PinStatus.NEW_UNPINNED, observed, null, unpinned == UnpinnedToolPolicy.ALLOW));
            } else if (pinned.equals(observed)) {
                verdicts.add(new ToolVerdict(name, PinStatus.PINNED_OK, observed, pinned, true));
            } else {
                verdicts.add(new ToolVerdict(name, PinStatus.CHANGED, observed, pinned, false));
            }
        }
        TreeSet<String> removed = new TreeSet<>(pins.keySet());
        removed.removeAll(byName.keySet());
        return new PinCheck(verdicts, List.copyOf(removed));
    }

    /** The pinned fingerprint of a name, or null. */
    public ToolFingerprint pinned(String name) {
        return pins.get(name);
    }

    public UnpinnedToolPolicy unpinnedPolicy() {
        return unpinned;
    }

    public int size() {
        return pins.size();
    }
}
