package io.gatehouse.engine.supplychain;

import io.gatehouse.protocol.tools.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The result of checking one {@code tools/list} result against a {@link ToolPinSet}.
 *
 * @param verdicts one per distinct announced name, in announcement order
 * @param removed pinned names the server no longer announces, sorted
 */
public record PinCheck(List<ToolVerdict> verdicts, List<String> removed) {

    public PinCheck {
        verdicts = List.copyOf(verdicts);
        removed = List.copyOf(removed);
    }

    /** The verdict for a tool name, if the server announced it. */
    public Optional<ToolVerdict> verdict(String name) {
        return verdicts.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /**
     * Why a call to {@code name} must be refused, as a stable key, or empty when it may proceed. A tool the
     * server did not announce is refused with {@code TOOL_NOT_LISTED}: only checked tools are callable.
     */
    public Optional<String> refusal(String name) {
        return verdict(name).map(v -> Optional.ofNullable(v.refusalKey())).orElse(Optional.of("TOOL_NOT_LISTED"));
    }

    /** True when every announced tool is pinned, unchanged, and no pinned tool disappeared. */
    public boolean clean() {
        return removed.isEmpty() && verdicts.stream().allMatch(v -> v.status() == PinStatus.PINNED_OK);
    }

    /** Verdicts that need an admin's attention (changed, new, duplicate). */
    public List<ToolVerdict> pendingApproval() {
        return verdicts.stream().filter(v -> v.status() != PinStatus.PINNED_OK).toList();
    }

    /** The announced tools clients may see, in announcement order (duplicates dropped entirely). */
    public List<ToolDefinition> filter(List<ToolDefinition> announced) {
        Map<String, ToolVerdict> byName =
                verdicts.stream().collect(Collectors.toMap(ToolVerdict::name, Function.identity()));
        List<ToolDefinition> allowed = new ArrayList<>();
        for (ToolDefinition tool : announced) {
            ToolVerdict verdict = byName.get(tool.name());
            if (verdict == null) {
                throw new IllegalArgumentException(
                        "tool '" + tool.name() + "' was not part of this check (expected: the checked list)");
            }
            if (verdict.visible()) {
                allowed.add(tool);
            }
        }
        return List.copyOf(allowed);
    }
}
