package io.gatehouse.controlplane.messaging;

import java.util.UUID;
import org.hibernate.Session;

/**
 * Transaction-scoped PostgreSQL advisory locks per tenant, so that two control-plane replicas never compile (or
 * send) the same tenant's bundles at the same time: versions stay strictly increasing with content that never goes
 * backwards, and a topic receives a tenant's versions in order.
 */
public final class TenantLock {
    private static final int COMPILE = 0x6768_0001;
    private static final int SEND = 0x6768_0002;

    private TenantLock() {}

    /** Waits for the tenant's compile lock (released at commit or rollback). */
    public static void compile(Session session, UUID tenantId) {
        session.createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock(:ns, hashtext(:tenant))) l", Object.class)
                .setParameter("ns", COMPILE)
                .setParameter("tenant", tenantId.toString())
                .getSingleResult();
    }

    /** Tries the tenant's send lock; false when another relay is sending for this tenant now. */
    public static boolean trySend(Session session, UUID tenantId) {
        Object got = session.createNativeQuery("select pg_try_advisory_xact_lock(:ns, hashtext(:tenant))", Object.class)
                .setParameter("ns", SEND)
                .setParameter("tenant", tenantId.toString())
                .getSingleResult();
        return Boolean.TRUE.equals(got);
    }
}
