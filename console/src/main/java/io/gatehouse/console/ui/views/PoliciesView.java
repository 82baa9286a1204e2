package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.forms.PolicyForm;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRequest;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.sdk.ListParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Contextual policies: ordered allow/deny rules, enforced or in shadow mode (a row opens its rules in
 * order), and the "simulate a call" panel.
 */
@Route(value = "policies", layout = MainLayout.class)
@PageTitle("Policies · Gatehouse")
public final class PoliciesView extends ResourceListView<Policy> {
    private final TextField search = new TextField();
    private final Select<PolicyMode> modeFilter = new Select<>();
    private final List<Server> servers = new ArrayList<>();
    private final Select<String> enabledFilter = new Select<>();
    private final Button simulate = new Button("Simulate a call", VaadinIcon.FLASK.create());

    public PoliciesView() {
        super(
                "Policies",
                "Policies run by priority, their rules in order; the first matching rule decides. Shadow mode only logs what would happen.");
        ApiCalls.call(() -> client.servers().listAll()).ifPresent(all -> all.forEach(servers::add));
        search.setPlaceholder("Search");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        modeFilter.setItems(PolicyMode.values());
        modeFilter.setEmptySelectionAllowed(true);
        modeFilter.setEmptySelectionCaption("Any mode");
        modeFilter.addValueChangeListener(e -> refresh());
        modeFilter.setId("filter-mode");
        enabledFilter.setItems("Enabled", "Disabled");
        enabledFilter.setEmptySelectionAllowed(true);
        enabledFilter.setEmptySelectionCaption("Enabled or not");
        enabledFilter.setId("filter-enabled");
        enabledFilter.addValueChangeListener(e -> refresh());
        // simulating changes nothing (the API needs only CONFIG_READ), so viewers may use it too
        simulate.setId("policy-simulate");
        simulate.addClickListener(e -> SimulateDialog.open(client, servers));
        grid.setItemDetailsRenderer(new ComponentRenderer<>(PoliciesView::ruleList));
        init();
    }

    @Override
    protected Page<Policy> fetch(ListParams params) {
        return client.policies().list(params.sort("priority"));
    }

    @Override
    protected List<Component> filters() {
        return List.of(search, modeFilter, enabledFilter, simulate);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        ListParams p = params;
        if (!search.getValue().isBlank()) {
            p = p.filter("q", search.getValue().trim());
        }
        if (modeFilter.getValue() != null) {
            p = p.filter("mode", modeFilter.getValue().wire());
        }
        if (enabledFilter.getValue() != null) {
            p = p.filter("enabled", String.valueOf("Enabled".equals(enabledFilter.getValue())));
        }
        return p;
    }

    @Override
    protected void columns(Grid<Policy> grid) {
        grid.addColumn(Policy::priority).setHeader("Priority").setAutoWidth(true);
        grid.addColumn(Policy::name).setHeader("Name").setAutoWidth(true);
        grid.addComponentColumn(p -> {
                    Span badge = new Span(p.mode().wire());
                    badge.getElement().getThemeList().add(p.mode() == PolicyMode.ENFORCE ? "badge" : "badge contrast");
                    return badge;
                })
                .setHeader("Mode")
                .setAutoWidth(true);
        grid.addColumn(p -> p.enabled() ? "yes" : "no").setHeader("Enabled").setAutoWidth(true);
        grid.addColumn(p -> RuleSummary.effects(p.rules()))
                .setHeader("Rules, in order")
                .setAutoWidth(true);
        grid.addColumn(p -> p.description() == null ? "" : p.description())
                .setHeader("Description")
                .setFlexGrow(2);
    }

    /** A policy's rules in evaluation order, shown when its row is opened. */
    private static Component ruleList(Policy policy) {
        Div list = new Div();
        list.addClassName("policy-rules");
        List<String> lines = RuleSummary.lines(policy);
        for (String line : lines) {
            list.add(new Div(new Span(line)));
        }
        return list;
    }

    @Override
    protected boolean canWrite() {
        return session.access().editsConfiguration();
    }

    @Override
    protected String createLabel() {
        return "New policy";
    }

    @Override
    protected void create() {
        openEditor("New policy", "Create", new PolicyForm(servers, null), client.policies()::create);
    }

    @Override
    protected void edit(Policy item) {
        openEditor(
                "Edit " + item.name(),
                "Save",
                new PolicyForm(servers, item),
                r -> client.policies().update(item, r));
    }

    @Override
    protected Component rowActions(Policy item) {
        HorizontalLayout actions = (HorizontalLayout) super.rowActions(item);
        PolicyMode other = item.mode() == PolicyMode.ENFORCE ? PolicyMode.SHADOW : PolicyMode.ENFORCE;
        Button mode = new Button(other == PolicyMode.SHADOW ? "To shadow" : "Enforce", e -> confirmMode(item, other));
        mode.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        mode.addClassName("row-mode");
        actions.addComponentAsFirst(mode);
        return actions;
    }

    private void confirmMode(Policy item, PolicyMode target) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader((target == PolicyMode.ENFORCE ? "Enforce " : "Shadow ") + describe(item) + "?");
        confirm.setText(
                target == PolicyMode.ENFORCE
                        ? "Its rules decide calls as soon as the data planes apply the next bundle."
                        : "Its rules stop deciding calls; the data planes only log what they would have decided.");
        confirm.setCancelable(true);
        confirm.setConfirmText(target == PolicyMode.ENFORCE ? "Enforce" : "Switch to shadow");
        confirm.addConfirmListener(e -> ApiCalls.call(() -> client.policies().update(item, withMode(item, target)))
                .ifPresent(updated -> {
                    ApiCalls.success(
                            describe(updated) + " is now in " + updated.mode().wire() + " mode");
                    refresh();
                }));
        confirm.open();
    }

    static PolicyRequest withMode(Policy p, PolicyMode mode) {
        return new PolicyRequest(p.name(), p.description(), p.priority(), mode, p.enabled(), p.rules());
    }

    @Override
    protected String describe(Policy item) {
        return "policy " + item.name();
    }

    @Override
    protected void delete(Policy item) {
        client.policies().delete(item);
    }
}
