package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.forms.ToolBindingForm;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Risk;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.sdk.ListParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tool → required scopes: what a caller's token must carry to call a tool of a server. */
@Route(value = "tool-bindings", layout = MainLayout.class)
@PageTitle("Tool bindings · Gatehouse")
public final class ToolBindingsView extends ResourceListView<ToolBinding> {
    private final Select<Server> serverFilter = new Select<>();
    private final Select<Risk> riskFilter = new Select<>();
    private final List<Server> servers = new ArrayList<>();
    private final Map<String, String> serverNames = new HashMap<>();

    public ToolBindingsView() {
        super(
                "Tool bindings",
                "Each binding says which scopes a token needs to call the tools of a server that match a pattern. Unbound tools are denied.");
        ApiCalls.call(() -> client.servers().listAll()).ifPresent(all -> all.forEach(servers::add));
        servers.forEach(s -> serverNames.put(s.id(), s.name()));
        serverFilter.setItems(servers);
        serverFilter.setItemLabelGenerator(s -> s == null ? "Any server" : s.name());
        serverFilter.setEmptySelectionAllowed(true);
        serverFilter.setEmptySelectionCaption("Any server");
        serverFilter.addValueChangeListener(e -> refresh());
        riskFilter.setItems(Risk.values());
        riskFilter.setEmptySelectionAllowed(true);
        riskFilter.setEmptySelectionCaption("Any risk");
        riskFilter.addValueChangeListener(e -> refresh());
        init();
    }

    @Override
    protected Page<ToolBinding> fetch(ListParams params) {
        return client.toolBindings().list(params);
    }

    @Override
    protected List<Component> filters() {
        return List.of(serverFilter, riskFilter);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        ListParams p = params;
        if (serverFilter.getValue() != null) {
            p = p.filter("serverId", serverFilter.getValue().id());
        }
        if (riskFilter.getValue() != null) {
            p = p.filter("risk", riskFilter.getValue().wire());
        }
        return p;
    }

    @Override
    protected void columns(Grid<ToolBinding> grid) {
        grid.addColumn(b -> serverNames.getOrDefault(b.serverId(), b.serverId()))
                .setHeader("Server")
                .setAutoWidth(true);
        grid.addColumn(ToolBinding::toolPattern).setHeader("Tools").setAutoWidth(true);
        grid.addColumn(b -> String.join(", ", b.requiredScopes()))
                .setHeader("Required scopes")
                .setFlexGrow(2);
        grid.addColumn(ToolBinding::risk).setHeader("Risk").setAutoWidth(true);
        grid.addColumn(b -> b.guardedArguments() == null ? "" : String.join(", ", b.guardedArguments()))
                .setHeader("Guarded arguments");
    }

    private List<String> scopeNames() {
        List<String> names = new ArrayList<>();
        ApiCalls.call(() -> client.scopes().listAll()).ifPresent(all -> all.forEach(s -> names.add(s.name())));
        return names;
    }

    @Override
    protected boolean canWrite() {
        return session.access().editsConfiguration();
    }

    @Override
    protected String createLabel() {
        return "Bind tools";
    }

    @Override
    protected void create() {
        openEditor(
                "Bind tools to scopes",
                "Create binding",
                new ToolBindingForm(servers, scopeNames(), null),
                client.toolBindings()::create);
    }

    @Override
    protected void edit(ToolBinding item) {
        openEditor(
                "Edit binding " + item.toolPattern(),
                "Save",
                new ToolBindingForm(servers, scopeNames(), item),
                r -> client.toolBindings().update(item, r));
    }

    @Override
    protected String describe(ToolBinding item) {
        return "binding " + item.toolPattern();
    }

    @Override
    protected void delete(ToolBinding item) {
        client.toolBindings().delete(item);
    }
}
