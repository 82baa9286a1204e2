package io.gatehouse.terraform.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.terraform.internal.resources.Catalog;
import io.gatehouse.terraform.internal.resources.ManagedResource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
    private final Catalog catalog = new Catalog();

    private Optional<List<Object>> locate(String type, String field) {
        ManagedResource r = catalog.resources().get(type);
        return Diagnostics.locate(r.schema(), r.fieldAliases(), field);
    }

    @Test
    void apiFieldsMapToTheAttributesTheUserWrote() {
        assertThat(locate("gatehouse_mcp_server", "upstreamUrl")).contains(List.of("upstream_url"));
        assertThat(locate("gatehouse_mcp_server", "upstreamAuth.secretRef"))
                .contains(List.of("upstream_auth_secret_ref"));
        assertThat(locate("gatehouse_mcp_server", "allowedOrigins[2]")).contains(List.of("allowed_origins"));
        assertThat(locate("gatehouse_mcp_server", "labels.Env")).contains(List.of("labels"));
        assertThat(locate("gatehouse_identity_provider", "introspection.clientSecretRef"))
                .contains(List.of("introspection_client_secret_ref"));
        assertThat(locate("gatehouse_policy", "rules[1].effect")).contains(List.of("rule", 1, "effect"));
        assertThat(locate("gatehouse_policy", "rules[0].subjects.users")).contains(List.of("rule", 0, "users"));
        assertThat(locate("gatehouse_policy", "rules[0].conditions.timeWindow.zone"))
                .contains(List.of("rule", 0, "time_window_zone"));
        assertThat(locate("gatehouse_rate_limit", "refillPeriodSeconds")).contains(List.of("refill_period_seconds"));
        assertThat(locate("gatehouse_scope", "nonsense")).isEmpty();
    }
}
