package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.forms.IdentityProviderForm;
import io.gatehouse.protocol.api.IdentityProvider;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.sdk.ListParams;
import java.util.List;

/** Issuers whose tokens the data planes accept from MCP clients. */
@Route(value = "identity-providers", layout = MainLayout.class)
@PageTitle("Identity providers · Gatehouse")
public final class IdentityProvidersView extends ResourceListView<IdentityProvider> {
    private final TextField issuerFilter = new TextField();

    public IdentityProvidersView() {
        super(
                "Identity providers",
                "MCP clients present access tokens from these issuers; the data planes verify them against the issuer's keys.");
        issuerFilter.setPlaceholder("Issuer (exact)");
        issuerFilter.setId("filter-issuer");
        issuerFilter.setClearButtonVisible(true);
        issuerFilter.setValueChangeMode(ValueChangeMode.LAZY);
        issuerFilter.addValueChangeListener(e -> refresh());
        init();
    }

    @Override
    protected List<Component> filters() {
        return List.of(issuerFilter);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        return issuerFilter.getValue().isBlank()
                ? params
                : params.filter("issuer", issuerFilter.getValue().trim());
    }

    @Override
    protected Page<IdentityProvider> fetch(ListParams params) {
        return client.identityProviders().list(params);
    }

    @Override
    protected void columns(Grid<IdentityProvider> grid) {
        grid.addColumn(IdentityProvider::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(IdentityProvider::issuer).setHeader("Issuer").setFlexGrow(2);
        grid.addColumn(IdentityProvider::audience).setHeader("Audience").setFlexGrow(2);
        grid.addColumn(p -> p.discoveryUri() != null ? "discovery" : "JWKS").setHeader("Keys from");
    }

    @Override
    protected boolean canWrite() {
        return session.access().editsSecurity();
    }

    @Override
    protected String createLabel() {
        return "Add identity provider";
    }

    @Override
    protected void create() {
        openEditor(
                "Add an identity provider", "Add", new IdentityProviderForm(null), client.identityProviders()::create);
    }

    @Override
    protected void edit(IdentityProvider item) {
        openEditor(
                "Edit " + item.name(),
                "Save",
                new IdentityProviderForm(item),
                r -> client.identityProviders().update(item, r));
    }

    @Override
    protected String describe(IdentityProvider item) {
        return "identity provider " + item.name();
    }

    @Override
    protected void delete(IdentityProvider item) {
        client.identityProviders().delete(item);
    }
}
