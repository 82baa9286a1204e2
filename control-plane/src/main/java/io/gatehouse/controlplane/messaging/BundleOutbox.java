package io.gatehouse.controlplane.messaging;

import io.gatehouse.controlplane.domain.activity.ActivityLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The change outbox: every change of a resource that goes into bundles writes a row in the change's own
 * transaction (as an {@link ActivityLog.ChangeHook}) and wakes the relay with {@code pg_notify} (delivered on
 * commit). Rows are due after the debounce, so a burst of changes publishes as one bundle; kill switches are due at
 * once. The relay claims a tenant's rows with {@code FOR UPDATE SKIP LOCKED}, so several control-plane replicas
 * never claim the same row.
 */
public final class BundleOutbox implements ActivityLog.ChangeHook {

    /** The PostgreSQL notification channel the relay listens on. */
    public static final String CHANNEL = "gh_outbox";

    /** Resource types whose changes go into bundles. */
    public static final Set<String> BUNDLE_RESOURCES = Set.of(
            "server",
            "identity-provider",
            "scope",
            "tool-binding",
            "policy",
            "redaction-rule",
            "rate-limit",
            "kill-switch",
            "data-plane-group");

    /** Resource types that bypass the debounce. */
    public static final Set<String> URGENT_RESOURCES = Set.of("kill-switch");

    private final Duration debounce;
    private final Clock clock;

    public BundleOutbox(Duration debounce, Clock clock) {
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void changed(Session session, UUID tenantId, String resourceType, String action) {
        if (BUNDLE_RESOURCES.contains(resourceType)) {
            enqueue(session, tenantId, resourceType + ":" + action, URGENT_RESOURCES.contains(resourceType), false);
        }
    }

    /**
     * Writes an outbox row in the caller's (tenant) transaction.
     *
     * @param urgent due now instead of after the debounce
     * @param resign publish a new version even if the content did not change (key rotation, explicit publish)
     */
    public void enqueue(Session session, UUID tenantId, String reason, boolean urgent, boolean resign) {
        Instant now = clock.instant();
        session.createNativeMutationQuery(
                        "insert into bundle_outbox (tenant_id, reason, resign, not_before, created_at)"
                                + " values (:tenant, :reason, :resign, :due, :now)")
                .setParameter("tenant", tenantId)
                .setParameter("reason", reason)
                .setParameter("resign", resign)
                .setParameter("due", OffsetDateTime.ofInstant(urgent ? now : now.plus(debounce), ZoneOffset.UTC))
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate();
        notifyRelay(session);
    }

    /** Wakes the relays (on commit). */
    public static void notifyRelay(Session session) {
        session.createNativeQuery("select count(*) from (select pg_notify('" + CHANNEL + "', '')) n", Object.class)
                .getSingleResult();
    }

    /** A claimed batch of a tenant's rows: whether any of them asks for a forced re-sign. */
    public record Claim(int rows, boolean resign) {}

    /**
     * Claims (deletes) every row of the session's tenant that no other relay holds. All of them, not only the due
     * ones: the compile that follows reads the current state, which already contains every committed change.
     */
    public static Claim claim(Session session) {
        List<?> resigns = session.createNativeQuery(
                        "delete from bundle_outbox where id in"
                                + " (select id from bundle_outbox for update skip locked) returning resign",
                        Object.class)
                .getResultList();
        boolean resign = resigns.stream().anyMatch(Boolean.TRUE::equals);
        return new Claim(resigns.size(), resign);
    }
}
