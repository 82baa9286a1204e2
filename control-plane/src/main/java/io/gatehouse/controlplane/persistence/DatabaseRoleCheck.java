package io.gatehouse.controlplane.persistence;

import java.util.List;

/**
 * Refuses to start when the application's database role could bypass row-level security: a
 * superuser, a role with BYPASSRLS, or the owner of the tenant tables.
 */
public final class DatabaseRoleCheck {
    private DatabaseRoleCheck() {}

    public static void verify(Db db) {
        Object[] row = db.system(session -> session.createNativeQuery(
                        "select current_user::text, r.rolsuper, r.rolbypassrls,"
                                + " exists (select 1 from pg_tables t where t.schemaname = current_schema()"
                                + " and t.tablename = 'servers' and t.tableowner = current_user)"
                                + " from pg_roles r where r.rolname = current_user",
                        Object[].class)
                .getSingleResult());
        List<String> problems = new java.util.ArrayList<>();
        if (Boolean.TRUE.equals(row[1])) {
            problems.add("is a superuser");
        }
        if (Boolean.TRUE.equals(row[2])) {
            problems.add("has BYPASSRLS");
        }
        if (Boolean.TRUE.equals(row[3])) {
            problems.add("owns the tenant tables");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("database role '" + row[0] + "' " + String.join(" and ", problems)
                    + ": row-level security would not isolate tenants; connect as the application role"
                    + " (see docs/control-plane.md)");
        }
    }
}
