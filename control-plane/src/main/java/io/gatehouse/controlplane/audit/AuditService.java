package io.gatehouse.controlplane.audit;

import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.protocol.api.AuditEvent;
import io.gatehouse.protocol.api.AuditStats;
import io.gatehouse.protocol.api.AuditVerification;
import io.gatehouse.protocol.api.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What the audit endpoints call: each method runs in one tenant transaction (row-level security applies). */
public final class AuditService {

    private final Db db;
    private final AuditQueryService query;
    private final AuditRangeVerifier verifier;

    public AuditService(Db db, AuditQueryService query, AuditRangeVerifier verifier) {
        this.db = Objects.requireNonNull(db, "db");
        this.query = Objects.requireNonNull(query, "query");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    public Page<AuditEvent> list(UUID tenantId, AuditQueryService.Filter filter, int limit, String cursor) {
        return db.inTenant(tenantId, s -> s.doReturningWork(c -> query.list(c, filter, limit, cursor)));
    }

    /** The event, or null when this tenant has none with that id. */
    public AuditEvent get(UUID tenantId, long id) {
        return db.inTenant(tenantId, s -> s.doReturningWork(c -> query.get(c, id)));
    }

    public AuditStats stats(UUID tenantId, AuditQueryService.Filter filter, long bucketSeconds) {
        return db.inTenant(tenantId, s -> s.doReturningWork(c -> query.stats(c, filter, bucketSeconds, 20)));
    }

    public AuditVerification verify(UUID tenantId, Instant from, Instant to) {
        return db.inTenant(tenantId, s -> s.doReturningWork(c -> verifier.verify(c, tenantId, from, to)));
    }

    /**
     * Streams matching events, oldest first, to {@code sink} inside one tenant transaction with a server-side
     * cursor of {@code fetchSize} rows; returns how many were written.
     */
    public long export(UUID tenantId, AuditQueryService.Filter filter, int fetchSize, AuditQueryService.RowSink sink) {
        return db.inTenant(
                tenantId,
                s -> s.doReturningWork(c -> {
                    try {
                        return query.export(c, filter, fetchSize, sink);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
    }

    /** Sets the tenant's retention in days (1..3650). */
    public void setRetention(UUID tenantId, int days) {
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("days: " + days + " (expected: 1..3650)");
        }
        db.inTenant(
                tenantId,
                s -> s.doReturningWork(c -> {
                    try (var st = c.prepareStatement("INSERT INTO audit_retention (tenant_id, days) VALUES (?, ?)"
                            + " ON CONFLICT (tenant_id) DO UPDATE SET days = excluded.days")) {
                        st.setObject(1, tenantId);
                        st.setInt(2, days);
                        st.executeUpdate();
                    }
                    return null;
                }));
    }
}
