package io.gatehouse.controlplane.persistence;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;

/**
 * Transactions, tenant-scoped by construction. {@link #inTenant} sets {@code app.tenant_id} for the
 * transaction only ({@code set_config(..., true)}, i.e. {@code SET LOCAL}) so PostgreSQL row-level
 * security applies, and enables the Hibernate tenant filter. {@link #system} opens a transaction
 * with no tenant: every tenant table then reads empty, and only the narrow {@code SECURITY DEFINER}
 * functions (login, token resolution, invitations) reach across tenants.
 */
public final class Db {
    private final SessionFactory sessionFactory;

    public Db(SessionFactory sessionFactory) {
        this.sessionFactory = Objects.requireNonNull(sessionFactory, "sessionFactory");
    }

    public <T> T inTenant(UUID tenantId, Function<Session, T> work) {
        Objects.requireNonNull(tenantId, "tenantId");
        return run(session -> {
            session.createNativeQuery("select set_config('app.tenant_id', :tenant, true)", String.class)
                    .setParameter("tenant", tenantId.toString())
                    .getSingleResult();
            session.enableFilter(TenantOwned.FILTER).setParameter("tenantId", tenantId);
            return work.apply(session);
        });
    }

    public <T> T system(Function<Session, T> work) {
        return run(work);
    }

    private <T> T run(Function<Session, T> work) {
        try (Session session = sessionFactory.openSession()) {
            Transaction tx = session.beginTransaction();
            try {
                T result = work.apply(session);
                session.flush();
                tx.commit();
                return result;
            } catch (RuntimeException | Error e) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw e;
            }
        }
    }
}
