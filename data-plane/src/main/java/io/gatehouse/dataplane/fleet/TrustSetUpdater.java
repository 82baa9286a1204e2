package io.gatehouse.dataplane.fleet;

import io.gatehouse.protocol.fleet.TrustSetChain;
import io.gatehouse.protocol.signing.TrustSet;
import io.gatehouse.protocol.signing.TrustSetRejectedException;
import io.gatehouse.protocol.signing.TrustSetUpdate;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances the pinned trust set from a trust-set message ({@link TrustSetChain}: every signed version from 1): the
 * versions above the pinned one are verified in order with {@link TrustSetUpdate#verifyChain} (each signed by a key
 * of the version before it), and the newest is pinned and persisted. A rejection keeps the pinned set.
 */
final class TrustSetUpdater {

    private static final Logger LOG = LoggerFactory.getLogger(TrustSetUpdater.class);

    /** What became of a trust-set message. */
    sealed interface Result {
        record Advanced(long from, long to) implements Result {}

        record Unchanged(long version) implements Result {}

        /** @param reason {@code TRUST_SET_} + the {@link TrustSetRejectedException.Reason} name */
        record Rejected(String reason, String detail) implements Result {}
    }

    private final EnrolledState state;
    private final FleetMetrics metrics;
    private final Clock clock;

    TrustSetUpdater(EnrolledState state, FleetMetrics metrics, Clock clock) {
        this.state = Objects.requireNonNull(state, "state");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        metrics.trustSetVersion(state.trustSet().trustSet().version());
    }

    Result offer(byte[] value) {
        TrustSetChain chain;
        try {
            chain = FleetJson.MAPPER.readValue(value, TrustSetChain.class);
        } catch (IOException e) {
            return reject(TrustSetRejectedException.Reason.MALFORMED.name(), "trust-set message: not a TrustSetChain");
        }
        if (chain == null) {
            return reject(TrustSetRejectedException.Reason.MALFORMED.name(), "trust-set message: empty");
        }
        TrustSet pinned = state.trustSet().trustSet();
        List<String> newer = new ArrayList<>();
        for (String signed : chain.chain()) {
            Long version = signed == null ? null : FleetJson.payloadVersion(signed);
            if (version == null) {
                return reject(
                        TrustSetRejectedException.Reason.MALFORMED.name(),
                        "trust-set message: an entry is not a signed trust set");
            }
            if (version > pinned.version()) {
                newer.add(signed);
            }
        }
        if (newer.isEmpty()) {
            return new Result.Unchanged(pinned.version());
        }
        TrustSet next;
        try {
            next = TrustSetUpdate.verifyChain(pinned, newer, clock.instant());
        } catch (TrustSetRejectedException e) {
            return reject(e.reason().name(), "trust set: " + e.getMessage());
        }
        EnrolledState.PinnedTrustSet pinnedNext = new EnrolledState.PinnedTrustSet(newer.getLast(), next);
        try {
            state.pinTrustSet(pinnedNext);
        } catch (IOException e) {
            LOG.error(
                    "trust set version {} accepted but not persisted ({}); a restart re-reads it from the topic",
                    next.version(),
                    e.toString());
            state.pinInMemory(pinnedNext);
        }
        metrics.trustSetVersion(next.version());
        LOG.info("trust set advanced from version {} to {}", pinned.version(), next.version());
        return new Result.Advanced(pinned.version(), next.version());
    }

    /** Reports {@code TRUST_SET_<reason>} (e.g. {@code TRUST_SET_BAD_SIGNATURE}), distinct from bundle reasons. */
    private Result reject(String reason, String detail) {
        String key = "TRUST_SET_" + reason;
        metrics.rejected(key);
        LOG.warn("trust-set update rejected: {}", detail);
        return new Result.Rejected(key, detail);
    }
}
