package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.ConsoleContext;
import io.gatehouse.console.ui.EditorDialog;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.SecretDialog;
import io.gatehouse.console.ui.forms.EnrollmentTokenForm;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.EnrollmentToken;
import io.gatehouse.protocol.api.EnrollmentTokenRequest;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.ListParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Enrollment tokens: create one (shown once, with the enroll command), see uses, revoke. */
@Route(value = "enrollment-tokens", layout = MainLayout.class)
@PageTitle("Enrollment tokens · Gatehouse")
public final class EnrollmentTokensView extends ResourceListView<EnrollmentToken> {
    private final Map<String, String> groupNames = new HashMap<>();
    private final ComboBox<DataPlaneGroup> groupFilter = new ComboBox<>();

    public EnrollmentTokensView() {
        super(
                "Enrollment tokens",
                "A data plane enrolls once with a short-lived token; afterwards it holds its own key and the tenant's trust set.");
        List<DataPlaneGroup> all = groups(client);
        for (DataPlaneGroup g : all) {
            groupNames.put(g.id(), g.name());
        }
        groupFilter.setItems(all);
        groupFilter.setItemLabelGenerator(DataPlaneGroup::name);
        groupFilter.setPlaceholder("Any group");
        groupFilter.setClearButtonVisible(true);
        groupFilter.setId("filter-group");
        groupFilter.addValueChangeListener(e -> refresh());
        init();
    }

    public static List<DataPlaneGroup> groups(Gatehouse client) {
        List<DataPlaneGroup> groups = new ArrayList<>();
        ApiCalls.call(() -> client.dataPlaneGroups().listAll()).ifPresent(all -> all.forEach(groups::add));
        return groups;
    }

    @Override
    protected List<com.vaadin.flow.component.Component> filters() {
        return List.of(groupFilter);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        return groupFilter.getValue() == null
                ? params
                : params.filter("groupId", groupFilter.getValue().id());
    }

    @Override
    protected Page<EnrollmentToken> fetch(ListParams params) {
        return client.enrollmentTokens().list(params);
    }

    @Override
    protected void columns(Grid<EnrollmentToken> grid) {
        grid.addColumn(t -> groupNames.getOrDefault(t.groupId(), t.groupId()))
                .setHeader("Group")
                .setAutoWidth(true);
        grid.addColumn(EnrollmentTokensView::state).setHeader("State").setAutoWidth(true);
        grid.addColumn(t -> t.uses() + " / " + t.maxUses()).setHeader("Used").setAutoWidth(true);
        grid.addColumn(t -> KillSwitchesView.when(t.expiresAt()))
                .setHeader("Expires")
                .setAutoWidth(true);
        grid.addColumn(t -> KillSwitchesView.when(t.createdAt()))
                .setHeader("Created")
                .setAutoWidth(true);
    }

    static String state(EnrollmentToken t) {
        if (t.revokedAt() != null) {
            return "revoked";
        }
        if (t.expiresAt() != null && t.expiresAt().isBefore(Instant.now())) {
            return "expired";
        }
        return t.uses() >= t.maxUses() ? "used up" : "active";
    }

    @Override
    protected boolean canWrite() {
        return session.access().editsSecurity();
    }

    @Override
    protected String createLabel() {
        return "Create enrollment token";
    }

    @Override
    protected void create() {
        List<DataPlaneGroup> groups = groups(client);
        if (groups.isEmpty()) {
            ApiCalls.error("Create a data-plane group first (Fleet → Data-plane groups).");
            return;
        }
        create(client, groups, this::refresh);
    }

    /** Opens the create dialog, then shows the token and the enroll command once. */
    public static void create(Gatehouse client, List<DataPlaneGroup> groups, Runnable created) {
        new EditorDialog<EnrollmentTokenRequest, EnrollmentToken>(
                        "Create an enrollment token",
                        "Create token",
                        new EnrollmentTokenForm(groups),
                        client.enrollmentTokens()::create,
                        token -> {
                            showOnce(token);
                            created.run();
                        })
                .open();
    }

    static void showOnce(EnrollmentToken token) {
        ConsoleContext context = ConsoleContext.current();
        io.gatehouse.console.ui.onboarding.DataPlaneCommands commands =
                new io.gatehouse.console.ui.onboarding.DataPlaneCommands(
                        context.enrollmentUrl(), context.config().onboarding());
        String tenant = io.gatehouse.console.ui.ConsoleSession.require().tenantId();
        new SecretDialog(
                        "Enroll a data plane",
                        "Run these in the Gatehouse folder on the machine that will run the data plane, inside your"
                                + " network: first enroll, then start it. The token expires at "
                                + KillSwitchesView.when(token.expiresAt()) + ".")
                .value("Enroll command", commands.enroll(token.token(), tenant), "enroll-command")
                .value("Start command", commands.start(tenant), "start-command")
                .value("Enrollment token", token.token(), "enroll-token")
                .open();
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
    protected String describe(EnrollmentToken item) {
        return "enrollment token for " + groupNames.getOrDefault(item.groupId(), item.groupId());
    }

    @Override
    protected void delete(EnrollmentToken item) {
        client.enrollmentTokens().delete(item.id());
    }
}
