package io.gatehouse.dataplane.supplychain;

import io.gatehouse.engine.supplychain.PinCheck;
import io.gatehouse.engine.supplychain.ToolPinSet;
import io.gatehouse.protocol.tools.ToolDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-upstream pin state. Every {@code tools/list} result goes through {@link #onToolsList}, which checks it
 * and remembers it; {@link #refusal} answers whether a {@code tools/call} may proceed. Until the first list
 * has been checked, and from a {@code notifications/tools/list_changed} until the next list has been checked,
 * every call is refused with {@code TOOL_PINS_STALE} (fail closed). New pins from a bundle
 * ({@link #replacePins}) are applied to the remembered list at once: the announced tools did not change, only
 * what is approved. Tools whose definition the poisoning scan blocks are refused with {@code TOOL_POISONED}.
 * Thread-safe.
 */
public final class ToolPinGuard {

    /** Refusal key of a call before the first checked list or after {@code list_changed}. */
    public static final String STALE = "TOOL_PINS_STALE";

    /** Refusal key of a tool whose definition the poisoning scan blocks. */
    public static final String POISONED = "TOOL_POISONED";

    private record State(ToolPinSet pins, List<ToolDefinition> announced, Set<String> poisoned, PinCheck check) {}

    private final AtomicReference<State> state;

    public ToolPinGuard(ToolPinSet pins) {
        this.state = new AtomicReference<>(new State(Objects.requireNonNull(pins, "pins"), null, Set.of(), null));
    }

    /** Checks an announced list, remembers it and the verdicts; {@code poisoned} names are refused too. */
    public PinCheck onToolsList(List<ToolDefinition> announced, Set<String> poisoned) {
        List<ToolDefinition> tools = List.copyOf(Objects.requireNonNull(announced, "announced"));
        Set<String> blocked = Set.copyOf(Objects.requireNonNull(poisoned, "poisoned"));
        return state.updateAndGet(
                        s -> new State(s.pins(), tools, blocked, s.pins().check(tools)))
                .check();
    }

    /** Checks an announced list with no poisoned tools. */
    public PinCheck onToolsList(List<ToolDefinition> announced) {
        return onToolsList(announced, Set.of());
    }

    /** The server said its list changed: refuse calls until the next {@link #onToolsList}. */
    public void onListChanged() {
        state.updateAndGet(s -> new State(s.pins(), null, Set.of(), null));
    }

    /** New approvals arrived (a bundle update): re-checks the remembered list, if there is one. */
    public void replacePins(ToolPinSet pins) {
        Objects.requireNonNull(pins, "pins");
        state.updateAndGet(s ->
                new State(pins, s.announced(), s.poisoned(), s.announced() == null ? null : pins.check(s.announced())));
    }

    /** True when calls are refused until a fresh {@code tools/list} is checked. */
    public boolean needsRecheck() {
        return state.get().check() == null;
    }

    /** Stable refusal key for a call to {@code toolName}, or empty when it may proceed. */
    public Optional<String> refusal(String toolName) {
        Objects.requireNonNull(toolName, "toolName");
        State s = state.get();
        if (s.check() == null) {
            return Optional.of(STALE);
        }
        if (s.poisoned().contains(toolName)) {
            return Optional.of(POISONED);
        }
        return s.check().refusal(toolName);
    }

    /** The last check, if one is current. */
    public Optional<PinCheck> lastCheck() {
        return Optional.ofNullable(state.get().check());
    }
}
