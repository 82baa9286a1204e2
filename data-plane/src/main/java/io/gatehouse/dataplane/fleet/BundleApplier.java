package io.gatehouse.dataplane.fleet;

import io.gatehouse.dataplane.bundle.ActiveBundle;
import io.gatehouse.dataplane.bundle.BundleStore;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.bundle.BundleFormatException;
import io.gatehouse.protocol.signing.BundleMetadata;
import io.gatehouse.protocol.signing.BundleRejectedException;
import io.gatehouse.protocol.signing.BundleVerifier;
import io.gatehouse.protocol.signing.SealingException;
import io.gatehouse.protocol.signing.VerifiedBundle;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies signed bundle envelopes: verify ({@link BundleVerifier}: signature → tenant/audience → version → hash →
 * expiry → schema, against the pinned trust set) → decode ({@link BundleCodec}) → the content's own metadata must
 * name the same tenant, group and version as the signed claims → compile and swap atomically through the same
 * {@link BundleStore#apply} the local bundle file uses → persist as last-known-good (sealed, atomic). Not
 * thread-safe: one caller (the fleet agent's worker) at a time.
 */
public final class BundleApplier {

    private static final Logger LOG = LoggerFactory.getLogger(BundleApplier.class);

    /** Reason of a bundle whose content cannot be compiled into routes (not a verification reason). */
    public static final String COMPILE = "COMPILE";

    /** What became of an offered envelope. */
    public sealed interface Result {
        /** Applied and in force now. */
        record Applied(long version) implements Result {}

        /** The version in force already ({@code DUPLICATE}): nothing to do. */
        record Unchanged(long version) implements Result {}

        /**
         * Refused; the bundle in force stays.
         *
         * @param version the bundle's version when its claims were verified, else null
         */
        record Rejected(String reason, String detail, Long version) implements Result {}
    }

    private final EnrolledState state;
    private final BundleStore store;
    private final BundleVerifier verifier;
    private final FleetMetrics metrics;
    private final Clock clock;

    public BundleApplier(EnrolledState state, BundleStore store, FleetMetrics metrics, Clock clock) {
        this.state = Objects.requireNonNull(state, "state");
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verifier = new BundleVerifier(
                state.tenantId(),
                state.groupId(),
                Set.of(io.gatehouse.protocol.bundle.BundleMetadata.SCHEMA_VERSION),
                clock);
    }

    /** Verifies and applies a newly received envelope. */
    public Result offer(String envelope) {
        long applied = appliedVersion();
        VerifiedBundle verified;
        try {
            verified = verifier.verify(envelope, state.trustSet().trustSet(), applied);
        } catch (BundleRejectedException e) {
            if (e.reason() == BundleRejectedException.Reason.DUPLICATE) {
                return new Result.Unchanged(applied);
            }
            boolean claimsVerified = e.reason().compareTo(BundleRejectedException.Reason.WRONG_TENANT) >= 0;
            return reject(
                    e.reason().name(), e.getMessage(), claimsVerified ? FleetJson.payloadVersion(envelope) : null);
        }
        BundleMetadata claims = verified.metadata();
        Bundle bundle;
        try {
            bundle = decode(verified);
        } catch (BundleFormatException e) {
            return reject(BundleRejectedException.Reason.MALFORMED.name(), e.getMessage(), claims.version());
        }
        BundleStore.Outcome outcome;
        try {
            outcome = store.apply(bundle);
        } catch (RuntimeException e) {
            LOG.error("bundle version {} could not be compiled", claims.version(), e);
            return reject(COMPILE, "bundle content cannot be compiled: " + e.getMessage(), claims.version());
        }
        switch (outcome) {
            case APPLIED -> {}
            case UNCHANGED -> {
                return new Result.Unchanged(claims.version());
            }
            case STALE -> {
                // the verifier compared with the same applied version; only a concurrent apply gets here
                return reject("STALE", "bundle version " + claims.version() + " is not newer", claims.version());
            }
            case EXPIRED -> {
                return reject(
                        "EXPIRED",
                        "bundle content expired at " + bundle.metadata().expiresAt(),
                        claims.version());
            }
        }
        metrics.applied(claims.expiresAt(), clock.instant());
        try {
            state.storeLastKnownGood(envelope);
        } catch (IOException e) {
            // the bundle is in force; a restart would fall back to the previous last-known-good
            LOG.error(
                    "bundle version {} applied, but storing it as last-known-good failed: {}",
                    claims.version(),
                    e.toString());
            metrics.lastKnownGoodWriteFailed();
        }
        LOG.info(
                "applied bundle version {} (group {}, key {}, expires {})",
                claims.version(),
                claims.audience(),
                claims.keyId(),
                claims.expiresAt());
        return new Result.Applied(claims.version());
    }

    /**
     * Loads the persisted last-known-good bundle at boot, without Pulsar or the control plane: it must open with the
     * storage key and verify against the pinned trust set (everything but version and expiry); an expired one is
     * still enforced and reported as stale. A refused one leaves the agent without a bundle (not ready).
     *
     * @return the version now in force, or empty when there was none or it was refused
     */
    public Optional<Long> loadLastKnownGood() {
        Optional<String> envelope;
        try {
            envelope = state.lastKnownGood();
        } catch (IOException | SealingException e) {
            LOG.error("last-known-good bundle refused: {}", e.getMessage());
            metrics.rejected("LKG_UNREADABLE");
            return Optional.empty();
        }
        if (envelope.isEmpty()) {
            return Optional.empty();
        }
        try {
            VerifiedBundle verified = verifier.verifyLastKnownGood(
                    envelope.get(), state.trustSet().trustSet());
            Bundle bundle = decode(verified);
            BundleStore.Outcome outcome = store.applyLastKnownGood(bundle);
            if (outcome != BundleStore.Outcome.APPLIED) {
                LOG.error(
                        "last-known-good bundle version {} not applied: {}",
                        verified.metadata().version(),
                        outcome);
                return Optional.empty();
            }
            metrics.applied(verified.metadata().expiresAt(), clock.instant());
            if (verified.expired()) {
                LOG.warn(
                        "last-known-good bundle version {} expired at {}; enforcing it until a newer one arrives",
                        verified.metadata().version(),
                        verified.metadata().expiresAt());
            }
            LOG.info(
                    "enforcing last-known-good bundle version {}",
                    verified.metadata().version());
            return Optional.of(verified.metadata().version());
        } catch (BundleRejectedException e) {
            LOG.error("last-known-good bundle refused: {}", e.getMessage());
            metrics.rejected(e.reason().name());
        } catch (BundleFormatException e) {
            LOG.error("last-known-good bundle refused: {}", e.getMessage());
            metrics.rejected(BundleRejectedException.Reason.MALFORMED.name());
        } catch (RuntimeException e) {
            LOG.error("last-known-good bundle cannot be compiled", e);
            metrics.rejected(COMPILE);
        }
        return Optional.empty();
    }

    long appliedVersion() {
        ActiveBundle current = store.current();
        return current == null ? 0 : current.metadata().version();
    }

    private Result reject(String reason, String detail, Long version) {
        metrics.rejected(reason);
        LOG.warn("bundle rejected: {}", detail);
        return new Result.Rejected(reason, detail, version);
    }

    /** The verified content as a bundle whose own metadata agrees with the signed claims. */
    private static Bundle decode(VerifiedBundle verified) throws BundleFormatException {
        BundleMetadata claims = verified.metadata();
        Bundle bundle;
        try {
            bundle = BundleCodec.decode(verified.content());
        } catch (BundleFormatException e) {
            throw new BundleFormatException("bundle content: " + e.getMessage(), e);
        }
        io.gatehouse.protocol.bundle.BundleMetadata inner = bundle.metadata();
        if (!inner.tenantId().equals(claims.tenant())
                || !inner.group().equals(claims.audience())
                || inner.version() != claims.version()) {
            throw new BundleFormatException(
                    "bundle content is for tenant '" + inner.tenantId() + "', group '"
                            + inner.group() + "', version " + inner.version() + " but its envelope says tenant '"
                            + claims.tenant() + "', group '" + claims.audience() + "', version " + claims.version(),
                    null);
        }
        return bundle;
    }
}
