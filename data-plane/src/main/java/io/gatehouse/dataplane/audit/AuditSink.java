package io.gatehouse.dataplane.audit;

/**
 * Receives one record per request. {@link #accept} must not block the request (implementations
 * queue); the audit pipeline issue replaces the JSON-lines sink with the WAL + Pulsar shipper.
 */
public interface AuditSink extends AutoCloseable {

    void accept(AuditRecord record);

    @Override
    void close();
}
