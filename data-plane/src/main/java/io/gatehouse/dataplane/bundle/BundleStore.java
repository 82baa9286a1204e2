package io.gatehouse.dataplane.bundle;

import io.gatehouse.protocol.bundle.Bundle;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the bundle in force and applies new ones: version must increase (equal is ignored, lower
 * is STALE), expired bundles are refused, and the compiled result replaces the old one atomically.
 * Local bundle files and verified bundles from the control plane ({@code io.gatehouse.dataplane.fleet}) both go
 * through {@link #apply}; the agent's own last-known-good bundle at boot goes through
 * {@link #applyLastKnownGood}.
 */
public final class BundleStore {

    /** What happened to an offered bundle. */
    public enum Outcome {
        APPLIED,
        UNCHANGED,
        STALE,
        EXPIRED
    }

    /**
     * An extra compile step that runs with every offered bundle (policy engine, rate limits): {@link
     * #prepare} compiles and may reject the bundle by throwing {@link IllegalArgumentException}; the
     * returned action runs right after the swap.
     */
    @FunctionalInterface
    public interface Stage {
        Runnable prepare(Bundle bundle);
    }

    private final AtomicReference<ActiveBundle> active = new AtomicReference<>();
    private final java.util.List<Stage> stages = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final BundleCompiler compiler;
    private final Clock clock;

    public BundleStore(BundleCompiler compiler, Clock clock) {
        this.compiler = compiler;
        this.clock = clock;
    }

    /** Adds a compile step for every bundle applied from now on (register before the first apply). */
    public void addStage(Stage stage) {
        stages.add(java.util.Objects.requireNonNull(stage, "stage"));
    }

    /** The bundle in force, or null before the first one was applied. */
    public ActiveBundle current() {
        return active.get();
    }

    public synchronized Outcome apply(Bundle bundle) {
        return apply(bundle, true);
    }

    /**
     * Applies the agent's persisted last-known-good bundle at boot: like {@link #apply}, but an expired bundle is
     * still enforced (the agent keeps its last verified policy and reports itself stale instead of serving nothing).
     */
    public synchronized Outcome applyLastKnownGood(Bundle bundle) {
        return apply(bundle, false);
    }

    private Outcome apply(Bundle bundle, boolean refuseExpired) {
        ActiveBundle current = active.get();
        long version = bundle.metadata().version();
        if (current != null && version == current.metadata().version()) {
            return Outcome.UNCHANGED;
        }
        if (current != null && version < current.metadata().version()) {
            return Outcome.STALE;
        }
        if (refuseExpired && !bundle.metadata().expiresAt().isAfter(clock.instant())) {
            return Outcome.EXPIRED;
        }
        ActiveBundle compiled = compiler.compile(bundle);
        java.util.List<Runnable> commits = new java.util.ArrayList<>();
        for (Stage stage : stages) {
            commits.add(stage.prepare(bundle));
        }
        ActiveBundle previous = active.getAndSet(compiled);
        commits.forEach(Runnable::run);
        if (previous != null && previous.verifier() instanceof AutoCloseable closeable) {
            try {
                closeable.close(); // in-flight requests already hold their verifier reference
            } catch (Exception e) {
                // a verifier that fails to release its refresh thread does not block the swap
            }
        }
        return Outcome.APPLIED;
    }
}
