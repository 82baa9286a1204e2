package io.gatehouse.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.controlplane.persistence.DatabaseRoleCheck;
import io.gatehouse.controlplane.persistence.Db;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

/** The second wall, checked in SQL as the application role with the application's own schema. */
class RowLevelSecurityIT {
    private static final List<String> TENANT_TABLES = List.of(
            "tenants",
            "memberships",
            "access_tokens",
            "invitations",
            "activity",
            "idempotency_keys",
            "identity_providers",
            "servers",
            "scopes",
            "tool_bindings",
            "policies",
            "redaction_rules",
            "rate_limits",
            "kill_switches",
            "data_plane_groups",
            "enrollment_tokens",
            "discovered_tools",
            "tool_pins");
    private final ControlPlaneFixture cp = ControlPlaneFixture.get();

    @Test
    void everyTenantTableHasForcedRowLevelSecurityAndTheAppRoleCannotBypassIt() throws SQLException {
        try (Connection c = cp.postgres().connect("gatehouse_app", "app");
                Statement s = c.createStatement()) {
            ResultSet role = s.executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = current_user");
            role.next();
            assertThat(role.getBoolean(1)).isFalse();
            assertThat(role.getBoolean(2)).isFalse();
            for (String table : TENANT_TABLES) {
                ResultSet rls =
                        s.executeQuery("select c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner)"
                                + " from pg_class c where c.relname = '" + table + "'");
                assertThat(rls.next()).as(table).isTrue();
                assertThat(rls.getBoolean(1)).as(table + " RLS").isTrue();
                assertThat(rls.getBoolean(2)).as(table + " FORCE RLS").isTrue();
                assertThat(rls.getString(3)).as(table + " owner").isEqualTo("gatehouse_owner");
            }
        }
    }

    @Test
    void withoutATenantTheAppRoleSeesNothingAndCannotWriteAcrossTenants() throws SQLException {
        ControlPlaneFixture.Tenant a = cp.newTenant("rls-a");
        ControlPlaneFixture.Tenant b = cp.newTenant("rls-b");
        a.owner().servers().create(Fixtures.server("only in a"));
        try (Connection c = cp.postgres().connect("gatehouse_app", "app");
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String table : TENANT_TABLES) {
                assertThat(count(s, "select count(*) from " + table))
                        .as(table + " without tenant")
                        .isZero();
            }
            assertThat(count(s, "select count(*) from users")).isZero();

            s.execute("select set_config('app.tenant_id', '" + b.tenantId() + "', true)");
            assertThat(count(s, "select count(*) from servers")).isZero();
            assertThat(count(s, "select count(*) from tenants")).isOne();
            assertThat(count(s, "select count(*) from users")).isOne();
            assertThat(count(s, "update servers set name = 'x' where tenant_id = '" + a.tenantId() + "' returning 1"))
                    .isZero();
            assertThatThrownBy(() -> s.execute("insert into scopes (id, tenant_id, version, created_at, updated_at,"
                            + " name, implies) values (gen_random_uuid(), '" + a.tenantId() + "', 0, now(), now(),"
                            + " 'planted', '[]')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            c.rollback();

            assertThatThrownBy(() -> s.execute("set row_security = off; select count(*) from servers"))
                    .isInstanceOf(SQLException.class);
            c.rollback();
            assertThatThrownBy(() -> s.execute("alter table servers disable row level security"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("owner");
            c.rollback();
            assertThatThrownBy(() -> s.execute("update users set password_hash = 'x'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            c.rollback();
            assertThatThrownBy(() -> s.execute("delete from activity"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            c.rollback();
        }
        assertThat(a.owner().servers().list().items())
                .extracting(srv -> srv.name())
                .containsExactly("only in a");
    }

    @Test
    void theApplicationRefusesARoleThatCouldBypassRowLevelSecurity() {
        assertThatThrownBy(() -> checkRole("gatehouse_owner", "owner")).hasMessageContaining("owns the tenant tables");
        assertThatThrownBy(() -> checkRole("postgres", "postgres"))
                .hasMessageContaining("is a superuser")
                .hasMessageContaining("BYPASSRLS");
        checkRole("gatehouse_app", "app");
    }

    private void checkRole(String user, String password) {
        try (SessionFactory sessions = new Configuration()
                .setProperty("hibernate.connection.url", cp.postgres().gatehouseUrl())
                .setProperty("hibernate.connection.username", user)
                .setProperty("hibernate.connection.password", password)
                .setProperty("hibernate.connection.pool_size", "1")
                .buildSessionFactory()) {
            DatabaseRoleCheck.verify(new Db(sessions));
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            long n = 0;
            while (rs.next()) {
                n += sql.contains("count(*)") ? rs.getLong(1) : 1;
            }
            return n;
        }
    }
}
