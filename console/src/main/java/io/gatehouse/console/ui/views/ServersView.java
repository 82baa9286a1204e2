package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.forms.ServerForm;
import io.gatehouse.protocol.api.KillSwitchScope;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.sdk.ListParams;
import java.util.List;

/**
 * The MCP server registry: register, approve, edit, stop (kill switch) and delete servers; every row opens
 * the server's tools (discovered against pinned, scan findings, the approve-diff view) for every role.
 */
@Route(value = "servers", layout = MainLayout.class)
@PageTitle("MCP servers · Gatehouse")
public final class ServersView extends ResourceListView<Server> {
    private final TextField search = new TextField();
    private final Select<ServerStatus> statusFilter = new Select<>();

    public ServersView() {
        super(
                "MCP servers",
                "The MCP servers your data planes route to at /mcp/{slug}. Only approved servers receive traffic.");
        search.setPlaceholder("Search name or slug");
        search.setId("filter-q");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        statusFilter.setPlaceholder("Any status");
        statusFilter.setItems(ServerStatus.values());
        statusFilter.setEmptySelectionAllowed(true);
        statusFilter.setEmptySelectionCaption("Any status");
        statusFilter.addValueChangeListener(e -> refresh());
        init();
    }

    @Override
    protected Page<Server> fetch(ListParams params) {
        return client.servers().list(params);
    }

    @Override
    protected List<Component> filters() {
        return List.of(search, statusFilter);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        ListParams p = params;
        if (!search.getValue().isBlank()) {
            p = p.filter("q", search.getValue().trim());
        }
        if (statusFilter.getValue() != null) {
            p = p.filter("status", statusFilter.getValue().wire());
        }
        return p;
    }

    @Override
    protected void columns(Grid<Server> grid) {
        grid.addColumn(Server::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(Server::slug).setHeader("Slug").setAutoWidth(true);
        grid.addColumn(Server::upstreamUrl).setHeader("Upstream").setFlexGrow(2);
        grid.addColumn(Server::transport).setHeader("Transport").setAutoWidth(true);
        grid.addColumn(Server::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(s -> s.upstreamAuth() == null ? "none" : s.upstreamAuth().type())
                .setHeader("Credential")
                .setAutoWidth(true);
        grid.addComponentColumn(s -> {
                    Button tools = new Button(
                            "Tools",
                            VaadinIcon.TOOLS.create(),
                            e -> ServerToolsDialog.open(client, session.access(), s, this::refresh));
                    tools.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    tools.addClassName("row-tools");
                    tools.getElement().setAttribute("data-server", s.name());
                    return tools;
                })
                .setHeader("Tools and pins")
                .setAutoWidth(true);
    }

    @Override
    protected boolean canWrite() {
        return session.access().editsConfiguration();
    }

    @Override
    protected String createLabel() {
        return "Register server";
    }

    @Override
    protected void create() {
        openEditor("Register an MCP server", "Register", new ServerForm(null), client.servers()::create);
    }

    @Override
    protected void edit(Server item) {
        openEditor(
                "Edit " + item.name(),
                "Save",
                new ServerForm(item),
                r -> client.servers().update(item, r));
    }

    @Override
    protected Component rowActions(Server item) {
        HorizontalLayout actions = (HorizontalLayout) super.rowActions(item);
        Button stop = new Button(
                "Stop",
                VaadinIcon.POWER_OFF.create(),
                e -> KillSwitchDialog.open(
                        client, KillSwitchScope.SERVER, item.id(), null, "server " + item.name(), this::refresh));
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        stop.addClassName("row-kill");
        actions.addComponentAsFirst(stop);
        return actions;
    }

    @Override
    protected String describe(Server item) {
        return "server " + item.name();
    }

    @Override
    protected void delete(Server item) {
        client.servers().delete(item);
    }
}
