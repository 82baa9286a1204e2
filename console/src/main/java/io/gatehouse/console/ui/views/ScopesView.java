package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.forms.ScopeForm;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.sdk.ListParams;
import java.util.ArrayList;
import java.util.List;

/** The scope catalog tool bindings refer to. */
@Route(value = "scopes", layout = MainLayout.class)
@PageTitle("Scopes · Gatehouse")
public final class ScopesView extends ResourceListView<Scope> {
    private final TextField search = new TextField();

    public ScopesView() {
        super("Scopes", "The OAuth scopes your identity providers issue and tool bindings require.");
        search.setPlaceholder("Search");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        init();
    }

    @Override
    protected Page<Scope> fetch(ListParams params) {
        return client.scopes().list(params);
    }

    @Override
    protected List<Component> filters() {
        return List.of(search);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        return search.getValue().isBlank()
                ? params
                : params.filter("q", search.getValue().trim());
    }

    @Override
    protected void columns(Grid<Scope> grid) {
        grid.addColumn(Scope::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(s -> s.description() == null ? "" : s.description())
                .setHeader("Description")
                .setFlexGrow(2);
        grid.addColumn(s -> s.implies() == null ? "" : String.join(", ", s.implies()))
                .setHeader("Implies");
    }

    private List<String> names(Scope except) {
        List<String> names = new ArrayList<>();
        ApiCalls.call(() -> client.scopes().listAll())
                .ifPresent(all -> all.forEach(s -> {
                    if (except == null || !s.id().equals(except.id())) {
                        names.add(s.name());
                    }
                }));
        return names;
    }

    @Override
    protected boolean canWrite() {
        return session.access().editsConfiguration();
    }

    @Override
    protected String createLabel() {
        return "New scope";
    }

    @Override
    protected void create() {
        openEditor("New scope", "Create", new ScopeForm(names(null), null), client.scopes()::create);
    }

    @Override
    protected void edit(Scope item) {
        openEditor(
                "Edit scope " + item.name(),
                "Save",
                new ScopeForm(names(item), item),
                r -> client.scopes().update(item, r));
    }

    @Override
    protected String describe(Scope item) {
        return "scope " + item.name();
    }

    @Override
    protected void delete(Scope item) {
        client.scopes().delete(item);
    }
}
