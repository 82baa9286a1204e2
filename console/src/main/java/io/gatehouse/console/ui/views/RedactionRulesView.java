package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.MainLayout;
import io.gatehouse.console.ui.ResourceListView;
import io.gatehouse.console.ui.forms.RedactionRuleForm;
import io.gatehouse.protocol.api.Direction;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.RedactionAction;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.sdk.ListParams;
import java.util.ArrayList;
import java.util.List;

/**
 * DLP: what the data planes mask, hash or block in tool arguments and results, and the "test against
 * sample text" panel.
 */
@Route(value = "redaction-rules", layout = MainLayout.class)
@PageTitle("Redaction rules · Gatehouse")
public final class RedactionRulesView extends ResourceListView<RedactionRule> {
    private final Select<Direction> directionFilter = new Select<>();
    private final Select<RedactionAction> actionFilter = new Select<>();
    private final List<Server> servers = new ArrayList<>();
    private final Button test = new Button("Test against sample text", VaadinIcon.FLASK.create());

    public RedactionRulesView() {
        super(
                "Redaction rules",
                "Detectors and patterns applied to tool arguments (request) and results (response), streamed event by event.");
        ApiCalls.call(() -> client.servers().listAll()).ifPresent(all -> all.forEach(servers::add));
        directionFilter.setItems(Direction.values());
        directionFilter.setEmptySelectionAllowed(true);
        directionFilter.setEmptySelectionCaption("Any direction");
        directionFilter.addValueChangeListener(e -> refresh());
        actionFilter.setItems(RedactionAction.values());
        actionFilter.setEmptySelectionAllowed(true);
        actionFilter.setEmptySelectionCaption("Any action");
        actionFilter.addValueChangeListener(e -> refresh());
        directionFilter.setId("filter-direction");
        actionFilter.setId("filter-action");
        // testing changes nothing (the API needs only CONFIG_READ), so viewers may use it too
        test.setId("redaction-test");
        test.addClickListener(e -> openTest(null));
        init();
    }

    @Override
    protected Page<RedactionRule> fetch(ListParams params) {
        return client.redactionRules().list(params);
    }

    @Override
    protected List<Component> filters() {
        return List.of(directionFilter, actionFilter, test);
    }

    @Override
    protected ListParams applyFilters(ListParams params) {
        ListParams p = params;
        if (directionFilter.getValue() != null) {
            p = p.filter("direction", directionFilter.getValue().wire());
        }
        if (actionFilter.getValue() != null) {
            p = p.filter("action", actionFilter.getValue().wire());
        }
        return p;
    }

    @Override
    protected void columns(Grid<RedactionRule> grid) {
        grid.addColumn(RedactionRule::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(r -> String.join(", ", r.detectors() == null ? List.of() : r.detectors()))
                .setHeader("Detectors")
                .setFlexGrow(2);
        grid.addColumn(r -> r.patterns() == null ? 0 : r.patterns().size()).setHeader("Patterns");
        grid.addColumn(RedactionRule::direction).setHeader("Direction").setAutoWidth(true);
        grid.addColumn(RedactionRule::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(r -> r.serverIds() == null || r.serverIds().isEmpty()
                        ? "all"
                        : r.serverIds().size() + " servers")
                .setHeader("Servers");
    }

    private void openTest(RedactionRule preselected) {
        ApiCalls.call(() -> {
                    List<RedactionRule> all = new ArrayList<>();
                    client.redactionRules().listAll().forEach(all::add);
                    return all;
                })
                .ifPresent(all -> RedactionTestDialog.open(client, all, preselected));
    }

    @Override
    protected Component rowActions(RedactionRule item) {
        HorizontalLayout actions = (HorizontalLayout) super.rowActions(item);
        Button rowTest = new Button(VaadinIcon.FLASK.create(), e -> openTest(item));
        rowTest.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        rowTest.getElement().setAttribute("aria-label", "Test this rule");
        rowTest.addClassName("row-test");
        actions.addComponentAsFirst(rowTest);
        return actions;
    }

    @Override
    protected boolean canWrite() {
        return session.access().editsConfiguration();
    }

    @Override
    protected String createLabel() {
        return "New redaction rule";
    }

    @Override
    protected void create() {
        openEditor(
                "New redaction rule", "Create", new RedactionRuleForm(servers, null), client.redactionRules()::create);
    }

    @Override
    protected void edit(RedactionRule item) {
        openEditor(
                "Edit " + item.name(),
                "Save",
                new RedactionRuleForm(servers, item),
                r -> client.redactionRules().update(item, r));
    }

    @Override
    protected String describe(RedactionRule item) {
        return "redaction rule " + item.name();
    }

    @Override
    protected void delete(RedactionRule item) {
        client.redactionRules().delete(item);
    }
}
