package io.gatehouse.dataplane.audit;

/**
 * Receives one record per request. {@link #accept} must not block the request in normal operation
 * (implementations queue); the WAL's back-pressure policy is the documented exception.
 */
public interface AuditSink extends AutoCloseable {

    void accept(AuditRecord record);

    /** Metrics of this sink (none by default). */
    default java.util.List<AuditGauge> gauges() {
        return java.util.List.of();
    }

    @Override
    void close();
}
