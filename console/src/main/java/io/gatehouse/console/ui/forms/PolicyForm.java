package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRequest;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.Server;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy: ordered rules (first match wins, in the order shown) in enforce or shadow mode. Rows move
 * up and down; API errors such as {@code rules[1].conditions.cel} land on that row's field.
 */
public final class PolicyForm extends ApiForm<PolicyRequest> {
    final TextField name = new TextField("Name");
    final TextField description = new TextField("Description");
    final IntegerField priority = new IntegerField("Priority (lower runs first)");
    final Select<PolicyMode> mode = new Select<>();
    final Checkbox enabled = new Checkbox("Enabled", true);
    final VerticalLayout rules = new VerticalLayout();
    final List<RuleEditor> rows = new ArrayList<>();
    private final List<Server> servers;

    public PolicyForm(List<Server> servers, Policy existing) {
        this.servers = servers;
        name.setId("policy-name");
        priority.setValue(100);
        mode.setLabel("Mode");
        mode.setItems(PolicyMode.values());
        mode.setItemLabelGenerator(m -> m == PolicyMode.ENFORCE ? "enforce" : "shadow (log only)");
        mode.setValue(PolicyMode.ENFORCE);
        mode.setId("policy-mode");
        rules.setPadding(false);
        Button addRule = new Button("Add rule", VaadinIcon.PLUS.create(), e -> addRow(null));
        addRule.setId("policy-add-rule");
        bind(field("name", name).asRequired("Name the policy"));
        bind(field("description", description));
        bind(field("priority", priority).asRequired("Give a priority").withValidator(Inputs.atLeast(0)));
        bind(field("mode", mode).asRequired("Choose a mode"));
        bind(field("enabled", enabled));
        H4 rulesTitle = new H4("Rules (evaluated top to bottom)");
        add(name, description, priority, mode, enabled, rulesTitle, rules, addRule);
        setColspan(rulesTitle, 2);
        setColspan(rules, 2);
        register("rules", rulesTitle);
        addFormError();
        if (existing != null) {
            name.setValue(existing.name());
            description.setValue(ServerForm.nz(existing.description()));
            priority.setValue(existing.priority());
            mode.setValue(existing.mode());
            enabled.setValue(existing.enabled());
            existing.rules().forEach(this::addRow);
        } else {
            addRow(null);
        }
    }

    void addRow(PolicyRule rule) {
        RuleEditor row = new RuleEditor(servers, rule);
        row.up.addClickListener(e -> move(row, -1));
        row.down.addClickListener(e -> move(row, 1));
        row.remove.addClickListener(e -> {
            rows.remove(row);
            layoutRows();
        });
        rows.add(row);
        layoutRows();
    }

    void move(RuleEditor row, int delta) {
        int from = rows.indexOf(row);
        int to = from + delta;
        if (to < 0 || to >= rows.size()) {
            return;
        }
        rows.remove(from);
        rows.add(to, row);
        layoutRows();
    }

    private void layoutRows() {
        rules.removeAll();
        unregisterPrefix("rules[");
        for (int i = 0; i < rows.size(); i++) {
            RuleEditor row = rows.get(i);
            row.position.setText("#" + (i + 1));
            row.up.setEnabled(i > 0);
            row.down.setEnabled(i < rows.size() - 1);
            String p = "rules[" + i + "]";
            register(p + ".description", row.description);
            register(p + ".effect", row.effect);
            register(p + ".subjects.users", row.users);
            register(p + ".subjects.groups", row.groups);
            register(p + ".subjects.clients", row.clients);
            register(p + ".targets.servers", row.servers);
            register(p + ".targets.tools", row.tools);
            register(p + ".targets.methods", row.methods);
            register(p + ".conditions.cel", row.cel);
            register(p + ".conditions.sourceCidrs", row.sourceCidrs);
            register(p + ".subjects.claims", row.claims);
            register(p + ".conditions.headers", row.headers);
            register(p + ".conditions.timeWindow", row.start);
            register(p + ".conditions.timeWindow.days", row.days);
            register(p + ".conditions.timeWindow.start", row.start);
            register(p + ".conditions.timeWindow.end", row.end);
            register(p + ".conditions.timeWindow.zone", row.zone);
            register(p, row.description);
            rules.add(row);
        }
    }

    @Override
    protected boolean validateMore() {
        if (rows.isEmpty()) {
            showFormError("Add at least one rule");
            return false;
        }
        boolean conditionsOk = true;
        for (RuleEditor row : rows) {
            conditionsOk &= row.check();
        }
        if (!conditionsOk) {
            return false;
        }
        for (RuleEditor row : rows) {
            if (row.effect.getValue() == null) {
                row.effect.setErrorMessage("Allow or deny?");
                row.effect.setInvalid(true);
                return false;
            }
        }
        return true;
    }

    @Override
    public PolicyRequest toRequest() {
        return new PolicyRequest(
                name.getValue().trim(),
                Inputs.blankToNull(description.getValue()),
                priority.getValue(),
                mode.getValue(),
                enabled.getValue(),
                rows.stream().map(RuleEditor::toRule).toList());
    }
}
