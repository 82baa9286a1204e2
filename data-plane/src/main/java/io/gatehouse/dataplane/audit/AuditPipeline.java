package io.gatehouse.dataplane.audit;

import static java.util.Objects.requireNonNull;

import io.gatehouse.protocol.signing.AgentIdentity;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's audit sink: the write-ahead log, its shipper when Pulsar is configured, and an optional
 * JSON-lines mirror. Without a shipper the WAL is still written; it grows up to its disk limit and then
 * applies its {@code whenFull} policy (block or drop with a signed gap).
 *
 * <p>Started from enrollment's output:
 *
 * <pre>{@code
 * AuditPipeline audit = AuditPipeline.start(walSettings, identity, tenantId, agentId, Clock.systemUTC(),
 *         new ShipperSettings(pulsarUrl, pulsarToken, null, 32), null);
 * }</pre>
 */
public final class AuditPipeline implements AuditSink {

    private static final Logger LOG = LoggerFactory.getLogger(AuditPipeline.class);

    private final AuditWal wal;
    private final AuditShipper shipper;
    private final AuditSink mirror;

    private AuditPipeline(AuditWal wal, AuditShipper shipper, AuditSink mirror) {
        this.wal = wal;
        this.shipper = shipper;
        this.mirror = mirror;
    }

    /**
     * Opens the WAL and, when {@code shipper} is not null, starts shipping with a client built from it.
     *
     * @param mirror an extra sink that sees every record (e.g. {@link JsonLinesAuditSink}), or null
     */
    public static AuditPipeline start(
            WalSettings walSettings,
            AgentIdentity identity,
            String tenantId,
            String agentId,
            Clock clock,
            ShipperSettings shipper,
            AuditSink mirror)
            throws IOException {
        AuditWal wal = AuditWal.open(walSettings, identity, tenantId, agentId, clock);
        if (shipper == null) {
            LOG.warn(
                    "audit: no Pulsar configured; batches stay in {} (limit {} MiB, then {})",
                    walSettings.dir(),
                    walSettings.maxDiskBytes() >> 20,
                    walSettings.whenFull());
            return new AuditPipeline(wal, null, mirror);
        }
        try {
            return new AuditPipeline(wal, AuditShipper.connect(wal, shipper).start(), mirror);
        } catch (PulsarClientException e) {
            wal.close();
            throw new IOException("audit shipper: cannot create a Pulsar client for " + shipper.serviceUrl(), e);
        }
    }

    /** Same, shipping with a Pulsar client the caller owns (e.g. the one enrollment configured). */
    public static AuditPipeline start(
            WalSettings walSettings,
            AgentIdentity identity,
            String tenantId,
            String agentId,
            Clock clock,
            PulsarClient client,
            String topic,
            AuditSink mirror)
            throws IOException {
        requireNonNull(client, "client");
        AuditWal wal = AuditWal.open(walSettings, identity, tenantId, agentId, clock);
        return new AuditPipeline(wal, new AuditShipper(wal, client, topic, 32).start(), mirror);
    }

    public AuditWal wal() {
        return wal;
    }

    /** The shipper, or null when none is configured. */
    public AuditShipper shipper() {
        return shipper;
    }

    @Override
    public void accept(AuditRecord record) {
        wal.accept(record);
        if (mirror != null) {
            mirror.accept(record);
        }
    }

    @Override
    public List<AuditGauge> gauges() {
        List<AuditGauge> gauges = new ArrayList<>(List.of(
                new AuditGauge("gatehouse_dp_audit_wal_bytes", "Bytes of audit WAL segments on disk", wal::walBytes),
                new AuditGauge(
                        "gatehouse_dp_audit_unshipped_batches",
                        "Sealed audit batches the broker has not acknowledged",
                        wal::unshippedBatches),
                new AuditGauge(
                        "gatehouse_dp_audit_backpressure_waits",
                        "Requests that waited for the audit WAL (whenFull: block), since start",
                        wal::backpressureWaits),
                new AuditGauge(
                        "gatehouse_dp_audit_dropped_records",
                        "Audit records dropped on purpose (whenFull: drop; each run is stated in a signed gap batch)",
                        wal::droppedRecords),
                new AuditGauge(
                        "gatehouse_dp_audit_blocked_on_disk",
                        "1 while the audit WAL is at its disk limit and waits for the shipper",
                        () -> wal.blockedOnDisk() ? 1 : 0)));
        if (shipper != null) {
            gauges.add(new AuditGauge(
                    "gatehouse_dp_audit_shipper_connected",
                    "1 while the audit shipper has a producer on the broker",
                    () -> shipper.connected() ? 1 : 0));
        }
        return gauges;
    }

    /** Seals what is queued, gives the shipper up to 2 s to send it, then stops both. */
    @Override
    public void close() {
        wal.close();
        if (shipper != null) {
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (shipper.connected() && wal.unshippedBatches() > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            shipper.close();
        }
        if (mirror != null) {
            mirror.close();
        }
    }
}
