package io.gatehouse.dataplane.supplychain;

import io.gatehouse.engine.supplychain.PinCheck;
import io.gatehouse.engine.supplychain.ToolPinSet;
import io.gatehouse.protocol.tools.ToolDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-upstream pin state across a session's lifetime. Every {@code tools/list} result goes through
 * {@link #onToolsList}, which returns the subset clients may see; {@link #refusal} answers whether a
 * {@code tools/call} may proceed. Until the first list has been checked, and from a
 * {@code notifications/tools/list_changed} until the next list has been checked, every call is refused with
 * {@code TOOL_PINS_STALE} (fail closed): the caller re-fetches {@code tools/list} on that notification. A new
 * bundle's pins take effect through {@link #replacePins}, which also marks the state stale. Thread-safe.
 */
public final class ToolPinGuard {

    private record State(ToolPinSet pins, PinCheck lastCheck) {}

    private final AtomicReference<State> state;

    public ToolPinGuard(ToolPinSet pins) {
        this.state = new AtomicReference<>(new State(Objects.requireNonNull(pins, "pins"), null));
    }

    /** Checks an announced list, remembers the verdicts and returns what clients may see. */
    public PinCheck onToolsList(List<ToolDefinition> announced) {
        Objects.requireNonNull(announced, "announced");
        return state.updateAndGet(s -> new State(s.pins(), s.pins().check(announced)))
                .lastCheck();
    }

    /** The server said its list changed: refuse calls until the next {@link #onToolsList}. */
    public void onListChanged() {
        state.updateAndGet(s -> new State(s.pins(), null));
    }

    /** New approvals arrived (e.g. a bundle update): refuse calls until the next {@link #onToolsList}. */
    public void replacePins(ToolPinSet pins) {
        Objects.requireNonNull(pins, "pins");
        state.set(new State(pins, null));
    }

    /** True when calls are refused until a fresh {@code tools/list} is checked. */
    public boolean needsRecheck() {
        return state.get().lastCheck() == null;
    }

    /** Stable refusal key for a call to {@code toolName}, or empty when it may proceed. */
    public Optional<String> refusal(String toolName) {
        Objects.requireNonNull(toolName, "toolName");
        PinCheck check = state.get().lastCheck();
        if (check == null) {
            return Optional.of("TOOL_PINS_STALE");
        }
        return check.refusal(toolName);
    }

    /** The last check, if one is current. */
    public Optional<PinCheck> lastCheck() {
        return Optional.ofNullable(state.get().lastCheck());
    }
}
