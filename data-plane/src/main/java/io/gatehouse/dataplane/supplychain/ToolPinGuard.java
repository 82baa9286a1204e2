package io.gatehouse.dataplane.supplychain;

import io.gatehouse.engine.supplychain.PinCheck;
import io.gatehouse.engine.supplychain.ToolPinSet;
import io.gatehouse.protocol.tools.ToolDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Per-upstream pin state. Every {@code tools/list} result goes through {@link #onToolsList}, which checks it
 * and remembers it; {@link #refusal} answers whether a {@code tools/call} may proceed. Until the first list
 * has been checked, and from a {@code notifications/tools/list_changed} until the next list has been checked,
 * every call is refused with {@code TOOL_PINS_STALE} (fail closed); {@link #ensureChecked} lets the agent fetch
 * and check the list itself first (one fetch at a time per server, bounded wait). New pins from a bundle
 * ({@link #replacePins}) are applied to the remembered list at once: the announced tools did not change, only
 * what is approved. Tools whose definition the poisoning scan blocks are refused with {@code TOOL_POISONED}.
 * Thread-safe.
 */
public final class ToolPinGuard {

    /** Refusal key of a call before the first checked list or after {@code list_changed}. */
    public static final String STALE = "TOOL_PINS_STALE";

    /** Refusal key of a tool whose definition the poisoning scan blocks. */
    public static final String POISONED = "TOOL_POISONED";

    /** A list the agent fetched itself: the well-formed tools and the names the poisoning scan blocks. */
    public record Listed(List<ToolDefinition> tools, Set<String> poisoned) {
        public Listed {
            tools = List.copyOf(tools);
            poisoned = Set.copyOf(poisoned);
        }
    }

    /**
     * @param generation counts {@code list_changed} notifications: a fetched list that started before the latest
     *     one is not applied (it may predate the change)
     */
    private record State(
            ToolPinSet pins, List<ToolDefinition> announced, Set<String> poisoned, PinCheck check, long generation) {}

    private final AtomicReference<State> state;
    private final Consumer<List<ToolDefinition>> onAnnounced;
    private final Object flightLock = new Object();
    private CompletableFuture<Void> inFlight; // guarded by flightLock

    public ToolPinGuard(ToolPinSet pins) {
        this(pins, tools -> {});
    }

    /**
     * @param onAnnounced called with every list checked (from a client's {@code tools/list} or the agent's own
     *     fetch), after the verdicts are in force; must not block
     */
    public ToolPinGuard(ToolPinSet pins, Consumer<List<ToolDefinition>> onAnnounced) {
        this.state = new AtomicReference<>(new State(Objects.requireNonNull(pins, "pins"), null, Set.of(), null, 0));
        this.onAnnounced = Objects.requireNonNull(onAnnounced, "onAnnounced");
    }

    /** Checks an announced list, remembers it and the verdicts; {@code poisoned} names are refused too. */
    public PinCheck onToolsList(List<ToolDefinition> announced, Set<String> poisoned) {
        List<ToolDefinition> tools = List.copyOf(Objects.requireNonNull(announced, "announced"));
        Set<String> blocked = Set.copyOf(Objects.requireNonNull(poisoned, "poisoned"));
        PinCheck check = state.updateAndGet(
                        s -> new State(s.pins(), tools, blocked, s.pins().check(tools), s.generation()))
                .check();
        onAnnounced.accept(tools);
        return check;
    }

    /** Checks an announced list with no poisoned tools. */
    public PinCheck onToolsList(List<ToolDefinition> announced) {
        return onToolsList(announced, Set.of());
    }

    /** The server said its list changed: refuse calls until the next {@link #onToolsList}. */
    public void onListChanged() {
        state.updateAndGet(s -> new State(s.pins(), null, Set.of(), null, s.generation() + 1));
    }

    /** New approvals arrived (a bundle update): re-checks the remembered list, if there is one. */
    public void replacePins(ToolPinSet pins) {
        Objects.requireNonNull(pins, "pins");
        state.updateAndGet(s -> new State(
                pins,
                s.announced(),
                s.poisoned(),
                s.announced() == null ? null : pins.check(s.announced()),
                s.generation()));
    }

    /** True when calls are refused until a fresh {@code tools/list} is checked. */
    public boolean needsRecheck() {
        return state.get().check() == null;
    }

    /**
     * When no checked list is current, fetches one with {@code fetch} and checks it. Concurrent callers share one
     * fetch; each waits at most {@code timeout}. A list fetched across a {@code list_changed} is not applied.
     *
     * @return true when a checked list is current afterwards
     */
    public boolean ensureChecked(Supplier<Listed> fetch, Duration timeout) {
        Objects.requireNonNull(fetch, "fetch");
        if (!needsRecheck()) {
            return true;
        }
        CompletableFuture<Void> flight;
        synchronized (flightLock) {
            if (inFlight == null || inFlight.isDone()) {
                long generation = state.get().generation();
                CompletableFuture<Void> started = new CompletableFuture<>();
                Thread.ofVirtual().name("tools-list-fetch").start(() -> {
                    try {
                        applyFetched(generation, fetch.get());
                        started.complete(null);
                    } catch (RuntimeException e) {
                        started.completeExceptionally(e);
                    }
                });
                inFlight = started;
            }
            flight = inFlight;
        }
        try {
            flight.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
        return !needsRecheck();
    }

    private void applyFetched(long generation, Listed listed) {
        State applied = state.updateAndGet(s -> s.generation() != generation
                ? s
                : new State(
                        s.pins(), listed.tools(), listed.poisoned(), s.pins().check(listed.tools()), generation));
        if (applied.announced() == listed.tools()) {
            onAnnounced.accept(listed.tools());
        }
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
