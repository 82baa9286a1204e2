package io.gatehouse.terraform.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.terraform.internal.cty.Unknown;
import io.gatehouse.terraform.internal.resources.Catalog;
import io.gatehouse.terraform.internal.resources.ManagedResource;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private final Catalog catalog = new Catalog();
    private final ManagedResource server = catalog.resources().get("gatehouse_mcp_server");
    private final ManagedResource killSwitch = catalog.resources().get("gatehouse_kill_switch");
    private final ManagedResource policy = catalog.resources().get("gatehouse_policy");

    private static Map<String, Object> object(ManagedResource r, Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        r.schema().type().attributes().keySet().forEach(name -> out.put(name, null));
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void onCreateEveryComputedValueTheConfigLeavesOutIsUnknown() {
        Map<String, Object> config =
                object(server, "name", "files", "upstream_url", "https://x/mcp", "status", "approved");

        Planner.Plan plan = Planner.plan(server, null, config, config);

        assertThat(plan.planned())
                .containsEntry("id", Unknown.VALUE)
                .containsEntry("version", Unknown.VALUE)
                .containsEntry("slug", Unknown.VALUE)
                .containsEntry("transport", Unknown.VALUE)
                .containsEntry("status", "approved")
                .containsEntry("allowed_origins", null);
        assertThat(plan.requiresReplace()).isEmpty();
    }

    @Test
    void anUnchangedObjectPlansNoChangeAndAChangedOneAnInPlaceUpdate() {
        Map<String, Object> prior = object(
                server,
                "id",
                "s1",
                "version",
                BigDecimal.ONE,
                "name",
                "files",
                "slug",
                "files",
                "upstream_url",
                "https://x/mcp",
                "transport",
                "streamable-http",
                "status",
                "pending",
                "upstream_auth_type",
                "none");
        Map<String, Object> config = object(server, "name", "files", "upstream_url", "https://x/mcp");

        assertThat(Planner.plan(server, prior, new HashMap<>(prior), config).planned())
                .isEqualTo(prior);

        Map<String, Object> proposed = new HashMap<>(prior);
        proposed.put("upstream_url", "https://y/mcp");
        Planner.Plan update = Planner.plan(server, prior, proposed, config);
        assertThat(update.requiresReplace()).isEmpty();
        assertThat(update.planned())
                .containsEntry("upstream_url", "https://y/mcp")
                .containsEntry("version", Unknown.VALUE)
                .containsEntry("id", "s1")
                .containsEntry("slug", "files");
    }

    @Test
    void aChangeTheApiCannotMakeInPlaceReplacesTheObject() {
        Map<String, Object> prior =
                object(killSwitch, "id", "k1", "scope", "tenant", "reason", "incident", "active", true);
        Map<String, Object> proposed = new HashMap<>(prior);
        proposed.put("reason", "another incident");

        Planner.Plan plan = Planner.plan(killSwitch, prior, proposed, object(killSwitch, "scope", "tenant"));

        assertThat(plan.requiresReplace()).containsExactly("reason");
        assertThat(plan.planned()).containsEntry("id", Unknown.VALUE).containsEntry("active", Unknown.VALUE);
    }

    @Test
    void applyKeepsPlannedValuesAndTakesTheApisAnswerForUnknownsIncludingRuleIds() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", Unknown.VALUE);
        rule.put("effect", "allow");
        Map<String, Object> planned = object(policy, "id", Unknown.VALUE, "name", "p", "rule", List.of(rule));
        Map<String, Object> apiRule = new LinkedHashMap<>(Map.of("id", "r1", "effect", "allow"));
        Map<String, Object> api =
                object(policy, "id", "p1", "name", "p", "priority", BigDecimal.valueOf(100), "rule", List.of(apiRule));

        Map<String, Object> applied = Planner.merge(policy.schema(), planned, api);

        assertThat(applied).containsEntry("id", "p1").containsEntry("name", "p");
        assertThat(((Map<?, ?>) ((List<?>) applied.get("rule")).get(0)).get("id"))
                .isEqualTo("r1");
    }

    @Test
    void emptyListsFromTheApiStayNullWhenTheConfigurationNeverSetThem() {
        Map<String, Object> fresh = object(server, "id", "s1", "allowed_origins", List.of(), "labels", Map.of());

        assertThat(Planner.alignEmpty(server.schema(), fresh, null))
                .containsEntry("allowed_origins", null)
                .containsEntry("labels", null);
        Map<String, Object> prior = object(server, "allowed_origins", List.of("https://a"));
        assertThat(Planner.alignEmpty(server.schema(), fresh, prior)).containsEntry("allowed_origins", List.of());
    }
}
