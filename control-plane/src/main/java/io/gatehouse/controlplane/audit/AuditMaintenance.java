package io.gatehouse.controlplane.audit;

import io.dropwizard.lifecycle.Managed;
import io.gatehouse.controlplane.persistence.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the audit table's day partitions created {@code daysAhead} ahead and applies retention (whole
 * partitions older than the longest tenant retention are dropped; older rows of tenants with a shorter
 * retention are deleted). Runs at start and then every {@code interval}.
 */
public final class AuditMaintenance implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(AuditMaintenance.class);

    private final Db db;
    private final Clock clock;
    private final int daysAhead;
    private final int defaultRetentionDays;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public AuditMaintenance(Db db, Clock clock, int daysAhead, int defaultRetentionDays, Duration interval) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (daysAhead < 1 || daysAhead > 365) {
            throw new IllegalArgumentException("daysAhead: " + daysAhead + " (expected: 1..365)");
        }
        if (defaultRetentionDays < 1) {
            throw new IllegalArgumentException("defaultRetentionDays: " + defaultRetentionDays + " (expected: >= 1)");
        }
        this.daysAhead = daysAhead;
        this.defaultRetentionDays = defaultRetentionDays;
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** Creates missing partitions from yesterday to {@code daysAhead} days ahead; returns how many were created. */
    public int ensurePartitions() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return db.system(session -> session.createNativeQuery(
                        "SELECT gh_audit_ensure_partitions(CAST(:from AS date), :days)", Integer.class)
                .setParameter("from", today.minusDays(1).toString())
                .setParameter("days", daysAhead + 2)
                .getSingleResult());
    }

    /** Applies retention; returns the number of deleted rows (dropped partitions not counted). */
    public long applyRetention() {
        return db.system(session -> session.createNativeQuery("SELECT gh_audit_apply_retention(:days)", Long.class)
                .setParameter("days", defaultRetentionDays)
                .getSingleResult());
    }

    private void runOnce() {
        try {
            int created = ensurePartitions();
            long deleted = applyRetention();
            if (created > 0 || deleted > 0) {
                LOG.info("audit maintenance: {} partition(s) created, {} expired row(s) deleted", created, deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("audit maintenance failed (next run in {}): {}", interval, e.toString());
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("audit-maintenance").daemon(true).unstarted(r));
        scheduler.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
