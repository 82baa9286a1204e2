package io.gatehouse.console.ui.watch;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.protocol.api.BundleVersion;
import io.gatehouse.protocol.api.DataPlane;
import io.gatehouse.protocol.api.DataPlaneState;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.sdk.ListParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet: every enrolled data plane with its liveness (last heartbeat), the bundle version it enforces against
 * the one published for its group, drift and the last bundle it refused; above the grid, the latest bundle of each
 * group and whether it has reached Pulsar. Owners and admins can revoke an agent.
 */
@Route(value = "fleet", layout = MainLayout.class)
@PageTitle("Fleet · Gatehouse")
public final class FleetView extends ResourceListView<DataPlane> {
    private final Map<String, String> groupNames = new LinkedHashMap<>();
    private final Select<String> groupFilter = new Select<>();
    private final Span bundles = new Span();

    public FleetView() {
        super(
                "Fleet",
                "Your data planes: when each last reported in, the bundle version it enforces and the one published"
                        + " for its group. Drift means an agent has not applied the latest bundle yet.");
        ApiCalls.call(() -> client.dataPlaneGroups().listAll())
                .ifPresent(all -> all.forEach(g -> groupNames.put(g.id(), g.name())));
        groupFilter.setItems(new ArrayList<>(groupNames.keySet()));
        // the empty selection is labelled with null
        groupFilter.setItemLabelGenerator(id -> id == null ? "Every group" : groupNames.getOrDefault(id, id));
        groupFilter.setEmptySelectionAllowed(true);
        groupFilter.setEmptySelectionCaption("Every group");
        groupFilter.setId("filter-group");
        groupFilter.addValueChangeListener(e -> refresh());
        bundles.setId("fleet-bundles");
        bundles.getStyle().set("color", "var(--lumo-secondary-text-color)");
        add(bundles);
        showBundles();
        init();
    }

    private void showBundles() {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> group : groupNames.entrySet()) {
            ApiCalls.call(() -> client.bundles()
                            .list(ListParams.create()
                                    .filter("groupId", group.getKey())
                                    .limit(1))
                            .items())
                    .ifPresent(latest -> parts.add(latestBundle(group.getValue(), latest)));
        }
        bundles.setText(parts.isEmpty() ? "No data-plane group yet." : String.join(" · ", parts));
    }

    static String latestBundle(String group, List<BundleVersion> latest) {
        if (latest.isEmpty()) {
            return group + ": no bundle yet";
        }
        BundleVersion v = latest.getFirst();
        String state = v.publishedAt() != null
                ? "published"
                : (v.lastError() == null ? "waiting to publish" : "waiting to publish (" + v.lastError() + ")");
        return group + ": latest bundle v" + v.version() + ", " + state;
    }

    @Override
    protected Page<DataPlane> fetch(ListParams params) {
        return client.dataPlanes().list(params);
    }

    @Override
    protected List<Component> filters() {
        return List.of(groupFilter);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        return groupFilter.getValue() == null ? params : params.filter("groupId", groupFilter.getValue());
    }

    @Override
    protected void columns(Grid<DataPlane> grid) {
        Instant now = Instant.now();
        grid.addColumn(DataPlane::name).setHeader("Agent").setAutoWidth(true);
        grid.addComponentColumn(FleetView::state).setHeader("State").setAutoWidth(true);
        grid.addColumn(a -> FleetText.age(a.lastSeenAt(), now))
                .setHeader("Last heartbeat")
                .setAutoWidth(true);
        grid.addColumn(a -> groupNames.getOrDefault(a.groupId(), a.groupId()))
                .setHeader("Group")
                .setAutoWidth(true);
        grid.addColumn(FleetText::bundle).setHeader("Bundle").setAutoWidth(true);
        grid.addColumn(FleetText::drift).setHeader("Drift").setAutoWidth(true);
        grid.addColumn(a -> FleetText.reject(a.lastReject()))
                .setHeader("Last reject")
                .setFlexGrow(2);
        grid.addColumn(a -> a.agentVersion() == null ? "" : a.agentVersion())
                .setHeader("Version")
                .setAutoWidth(true);
    }

    private static Component state(DataPlane agent) {
        DataPlaneState state = agent.state() == null ? DataPlaneState.PENDING : agent.state();
        Span badge = new Span(state.wire());
        String color = switch (state) {
            case ONLINE -> "var(--lumo-success-text-color)";
            case OFFLINE -> "var(--lumo-error-text-color)";
            case PENDING, REVOKED -> "var(--lumo-secondary-text-color)";
        };
        badge.getStyle().set("color", color).set("font-weight", "600");
        badge.addClassName("agent-state");
        return badge;
    }

    @Override
    protected boolean canWrite() {
        return session.access().editsSecurity();
    }

    @Override
    protected boolean supportsEdit() {
        return false;
    }

    @Override
    protected String deleteLabel() {
        return "Revoke";
    }

    @Override
    protected String describe(DataPlane item) {
        return "data plane " + item.name();
    }

    @Override
    protected void delete(DataPlane item) {
        client.dataPlanes().revoke(item.id());
    }
}
