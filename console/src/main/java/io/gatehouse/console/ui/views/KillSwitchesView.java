package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.EditorDialog;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.forms.KillSwitchForm;
import io.gatehouse.protocol.api.KillSwitch;
import io.gatehouse.protocol.api.KillSwitchRequest;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.sdk.ListParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Emergency stops: engage one (tenant, server or tool) with a reason; lift it with one click. */
@Route(value = "kill-switches", layout = MainLayout.class)
@PageTitle("Kill switches · Gatehouse")
public final class KillSwitchesView extends ResourceListView<KillSwitch> {
    private final Select<String> stateFilter = new Select<>();
    private final Map<String, String> serverNames = new HashMap<>();
    private final Select<KillSwitchScope> scopeFilter = new Select<>();
    private final ComboBox<Server> serverFilter = new ComboBox<>();

    public KillSwitchesView() {
        super(
                "Kill switches",
                "An engaged switch makes every data plane deny the matching calls at once. Lifting it keeps it in the history.");
        stateFilter.setItems("Engaged", "Lifted", "All");
        stateFilter.setValue("Engaged");
        stateFilter.setId("filter-active");
        stateFilter.addValueChangeListener(e -> refresh());
        List<Server> servers = new ArrayList<>();
        for (Server s : ApiCalls.call(() -> client.servers().listAll()).orElse(List.of())) {
            serverNames.put(s.id(), s.name());
            servers.add(s);
        }
        scopeFilter.setItems(KillSwitchScope.values());
        scopeFilter.setEmptySelectionAllowed(true);
        scopeFilter.setEmptySelectionCaption("Any scope");
        scopeFilter.setId("filter-scope");
        scopeFilter.addValueChangeListener(e -> refresh());
        serverFilter.setItems(servers);
        serverFilter.setItemLabelGenerator(Server::name);
        serverFilter.setPlaceholder("Any server");
        serverFilter.setClearButtonVisible(true);
        serverFilter.setId("filter-server");
        serverFilter.addValueChangeListener(e -> refresh());
        init();
    }

    @Override
    protected Page<KillSwitch> fetch(ListParams params) {
        return client.killSwitches().list(params);
    }

    @Override
    protected List<Component> filters() {
        return List.of(stateFilter, scopeFilter, serverFilter);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        ListParams p = switch (stateFilter.getValue() == null ? "All" : stateFilter.getValue()) {
            case "Engaged" -> params.filter("active", "true");
            case "Lifted" -> params.filter("active", "false");
            default -> params;
        };
        if (scopeFilter.getValue() != null) {
            p = p.filter("scope", scopeFilter.getValue().wire());
        }
        if (serverFilter.getValue() != null) {
            p = p.filter("serverId", serverFilter.getValue().id());
        }
        return p;
    }

    @Override
    protected void columns(Grid<KillSwitch> grid) {
        grid.addComponentColumn(k -> {
                    Span badge = new Span(k.active() ? "ENGAGED" : "lifted");
                    badge.getElement().getThemeList().add(k.active() ? "badge error" : "badge contrast");
                    return badge;
                })
                .setHeader("State")
                .setAutoWidth(true);
        grid.addColumn(KillSwitch::scope).setHeader("Scope").setAutoWidth(true);
        grid.addColumn(k -> k.serverId() == null ? "—" : serverNames.getOrDefault(k.serverId(), k.serverId()))
                .setHeader("Server")
                .setAutoWidth(true);
        grid.addColumn(k -> k.tool() == null ? "—" : k.tool()).setHeader("Tool").setAutoWidth(true);
        grid.addColumn(KillSwitch::reason).setHeader("Reason").setFlexGrow(2);
        grid.addColumn(k -> when(k.createdAt())).setHeader("Engaged at").setAutoWidth(true);
        grid.addColumn(k -> when(k.liftedAt())).setHeader("Lifted at").setAutoWidth(true);
    }

    static String when(Instant at) {
        return at == null ? "" : at.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }

    @Override
    protected boolean canWrite() {
        return session.access().editsConfiguration();
    }

    @Override
    protected String createLabel() {
        return "Engage kill switch";
    }

    @Override
    protected void create() {
        List<Server> servers = new ArrayList<>();
        ApiCalls.call(() -> client.servers().listAll()).ifPresent(all -> all.forEach(servers::add));
        new EditorDialog<KillSwitchRequest, KillSwitch>(
                        "Engage a kill switch",
                        "Engage kill switch",
                        new KillSwitchForm(servers),
                        client.killSwitches()::create,
                        ks -> {
                            ApiCalls.success("Kill switch engaged");
                            refresh();
                        })
                .open();
    }

    @Override
    protected Component rowActions(KillSwitch item) {
        if (!item.active()) {
            return new Span();
        }
        Button lift = new Button("Lift", VaadinIcon.PLAY.create(), e -> confirmLift(item));
        lift.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_SMALL);
        lift.addClassName("row-lift");
        return lift;
    }

    private void confirmLift(KillSwitch item) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Lift this kill switch?");
        confirm.setText("Calls it stopped (" + describe(item) + ") flow again as soon as the data planes apply it.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Lift");
        confirm.addConfirmListener(e -> {
            if (ApiCalls.run(() -> delete(item))) {
                ApiCalls.success("Kill switch lifted");
                refresh();
            }
        });
        confirm.open();
    }

    @Override
    protected boolean supportsEdit() {
        return false;
    }

    @Override
    protected String describe(KillSwitch item) {
        return switch (item.scope()) {
            case TENANT -> "every call";
            case SERVER -> "server " + serverNames.getOrDefault(item.serverId(), item.serverId());
            case TOOL -> "tool " + item.tool() + " of " + serverNames.getOrDefault(item.serverId(), item.serverId());
        };
    }

    @Override
    protected void delete(KillSwitch item) {
        client.killSwitches().delete(item.id());
    }
}
