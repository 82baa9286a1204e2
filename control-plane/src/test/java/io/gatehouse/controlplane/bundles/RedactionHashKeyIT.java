package io.gatehouse.controlplane.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.controlplane.PostgresFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Each tenant has one redaction hash key, sealed under the master key and delivered at enrollment: two agents of a
 * tenant get the same key (so their {@code hash} redactions correlate), another tenant's agent a different one; the
 * database holds only the sealed form.
 */
class RedactionHashKeyIT {

    private final PulsarControlPlane cp = PulsarControlPlane.get();

    @Test
    void agentsOfATenantShareItsKeyAndOtherTenantsDiffer() throws Exception {
        PulsarControlPlane.Tenant acme = cp.newTenant("hashkey");
        PulsarControlPlane.Tenant globex = cp.newTenant("hashkey-other");
        String first = acme.enroll().response().redactionHashKey();
        String second = acme.enroll().response().redactionHashKey();
        String other = globex.enroll().response().redactionHashKey();

        assertThat(first).isNotNull().isEqualTo(second).isNotEqualTo(other);
        assertThat(Base64.getUrlDecoder().decode(first)).hasSize(32);
        assertThat(Base64.getUrlDecoder().decode(other)).hasSize(32);

        PostgresFixture postgres = PostgresFixture.get();
        try (Connection c = postgres.connect("gatehouse_app", "app");
                Statement s = c.createStatement()) {
            s.execute("select set_config('app.tenant_id', '" + acme.tenantId() + "', false)");
            ResultSet rs = s.executeQuery("select sealed_key from redaction_hash_keys");
            assertThat(rs.next()).isTrue();
            String sealed = rs.getString(1);
            assertThat(sealed).doesNotContain(first);
            assertThat(rs.next()).as("one key per tenant").isFalse();
        }
    }
}
