package io.gatehouse.dataplane.bundle;

import io.gatehouse.protocol.bundle.Bundle;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the bundle in force and applies new ones: version must increase (equal is ignored, lower
 * is STALE), expired bundles are refused, and the compiled result replaces the old one atomically.
 * Local files and (later) Pulsar deliveries go through {@link #apply}.
 */
public final class BundleStore {

    /** What happened to an offered bundle. */
    public enum Outcome {
        APPLIED,
        UNCHANGED,
        STALE,
        EXPIRED
    }

    private final AtomicReference<ActiveBundle> active = new AtomicReference<>();
    private final BundleCompiler compiler;
    private final Clock clock;

    public BundleStore(BundleCompiler compiler, Clock clock) {
        this.compiler = compiler;
        this.clock = clock;
    }

    /** The bundle in force, or null before the first one was applied. */
    public ActiveBundle current() {
        return active.get();
    }

    public synchronized Outcome apply(Bundle bundle) {
        ActiveBundle current = active.get();
        long version = bundle.metadata().version();
        if (current != null && version == current.metadata().version()) {
            return Outcome.UNCHANGED;
        }
        if (current != null && version < current.metadata().version()) {
            return Outcome.STALE;
        }
        if (!bundle.metadata().expiresAt().isAfter(clock.instant())) {
            return Outcome.EXPIRED;
        }
        ActiveBundle previous = active.getAndSet(compiler.compile(bundle));
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
