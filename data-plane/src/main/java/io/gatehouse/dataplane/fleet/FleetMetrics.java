package io.gatehouse.dataplane.fleet;

import io.gatehouse.dataplane.metrics.ProxyMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fleet-mode metrics (the applied version itself is {@code gatehouse_dp_bundle_version}): rejections by reason,
 * time of the last apply, whether the bundle in force is past its expiry, the pinned trust-set version, and
 * whether the agent is connected to Pulsar.
 */
public final class FleetMetrics {

    private final Counter rejects;
    private final Counter lastKnownGoodWriteFailures;
    private final AtomicLong lastApplyEpochMillis = new AtomicLong();
    private final AtomicLong expiresAfterEpochMillis = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong trustSetVersion = new AtomicLong();
    private final AtomicBoolean connected = new AtomicBoolean();

    public FleetMetrics(ProxyMetrics metrics) {
        rejects = metrics.counter(
                "gatehouse_dp_bundle_rejects_total",
                "Bundles (and trust sets) refused, by reason (BAD_SIGNATURE, STALE, EXPIRED, COMPILE, ...)",
                "reason");
        lastKnownGoodWriteFailures = metrics.counter(
                "gatehouse_dp_bundle_lkg_write_failures_total",
                "Applied bundles that could not be stored as last-known-good");
        metrics.gauge(
                "gatehouse_dp_bundle_last_apply_timestamp_seconds",
                "When the bundle in force was applied (Unix seconds; 0: none)",
                () -> lastApplyEpochMillis.get() / 1000.0);
        metrics.gauge(
                "gatehouse_dp_bundle_stale",
                "1 while the bundle in force is past its expiry (last-known-good kept because nothing newer arrived)",
                () -> System.currentTimeMillis() > expiresAfterEpochMillis.get() ? 1 : 0);
        metrics.gauge("gatehouse_dp_trust_set_version", "Version of the pinned trust set", trustSetVersion::get);
        metrics.gauge(
                "gatehouse_dp_fleet_connected",
                "1 while the agent reads its bundle topic on Pulsar",
                () -> connected.get() ? 1 : 0);
    }

    void rejected(String reason) {
        rejects.labelValues(reason).inc();
    }

    void applied(Instant expiresAt, Instant at) {
        lastApplyEpochMillis.set(at.toEpochMilli());
        expiresAfterEpochMillis.set(expiresAt.toEpochMilli());
    }

    void lastKnownGoodWriteFailed() {
        lastKnownGoodWriteFailures.inc();
    }

    void trustSetVersion(long version) {
        trustSetVersion.set(version);
    }

    void connected(boolean value) {
        connected.set(value);
    }

    /** Rejections counted for {@code reason} so far (for tests and status). */
    public double rejectCount(String reason) {
        return rejects.labelValues(reason).get();
    }
}
