package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.protocol.api.Effect;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleSubjects;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.Server;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One rule of a policy, edited in place: who, what, extra conditions and the effect. */
final class RuleEditor extends VerticalLayout {
    final String ruleId;
    final TextField description = new TextField("Description");
    final Select<Effect> effect = new Select<>();
    final TextField users = new TextField("Users (subject)");
    final TextField groups = new TextField("Groups");
    final TextField clients = new TextField("Client ids");
    final MultiSelectComboBox<Server> servers = new MultiSelectComboBox<>("Servers");
    final TextField tools = new TextField("Tools (globs)");
    final TextField methods = new TextField("MCP methods");
    final TextField cel = new TextField("CEL condition");
    final TextField sourceCidrs = new TextField("Source CIDRs");
    final Span position = new Span();
    final Button up = new Button(VaadinIcon.ARROW_UP.create());
    final Button down = new Button(VaadinIcon.ARROW_DOWN.create());
    final Button remove = new Button(VaadinIcon.TRASH.create());

    RuleEditor(List<Server> allServers, PolicyRule existing) {
        setPadding(false);
        setSpacing(false);
        getStyle()
                .set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s)");
        addClassName("policy-rule");
        ruleId = existing == null ? null : existing.id();
        effect.setLabel("Effect");
        effect.setItems(Effect.values());
        effect.setValue(Effect.DENY);
        effect.addClassName("rule-effect");
        servers.setItems(allServers);
        servers.setItemLabelGenerator(Server::name);
        tools.setPlaceholder("delete_*, write_file");
        methods.setPlaceholder("tools/call");
        cel.setPlaceholder("request.time.getHours() < 18");
        for (Button b : List.of(up, down, remove)) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        }
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
        up.getElement().setAttribute("aria-label", "Move up");
        down.getElement().setAttribute("aria-label", "Move down");
        remove.getElement().setAttribute("aria-label", "Remove rule");
        HorizontalLayout head = new HorizontalLayout(position, description, effect, up, down, remove);
        head.setWidthFull();
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        head.expand(description);
        FormLayout match = new FormLayout(users, groups, clients, servers, tools, methods, cel, sourceCidrs);
        Details more = new Details("Who, what and when (empty matches everything)", match);
        add(head, more);
        if (existing != null) {
            description.setValue(ServerForm.nz(existing.description()));
            if (existing.effect() != null) {
                effect.setValue(existing.effect());
            }
            RuleSubjects s = existing.subjects();
            if (s != null) {
                users.setValue(join(s.users()));
                groups.setValue(join(s.groups()));
                clients.setValue(join(s.clients()));
            }
            RuleTargets t = existing.targets();
            if (t != null) {
                Set<String> ids = Set.copyOf(t.servers() == null ? List.of() : t.servers());
                servers.setValue(new LinkedHashSet<>(
                        allServers.stream().filter(x -> ids.contains(x.id())).toList()));
                tools.setValue(join(t.tools()));
                methods.setValue(join(t.methods()));
            }
            RuleConditions c = existing.conditions();
            if (c != null) {
                cel.setValue(ServerForm.nz(c.cel()));
                sourceCidrs.setValue(join(c.sourceCidrs()));
            }
            more.setOpened(true);
        }
    }

    private static String join(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    PolicyRule toRule() {
        RuleSubjects subjects = new RuleSubjects(
                Inputs.list(users.getValue()), Inputs.list(groups.getValue()), Inputs.list(clients.getValue()), null);
        RuleTargets targets = new RuleTargets(
                servers.getValue().stream().map(Server::id).toList(),
                Inputs.list(tools.getValue()),
                Inputs.list(methods.getValue()));
        RuleConditions conditions =
                cel.getValue().isBlank() && sourceCidrs.getValue().isBlank()
                        ? null
                        : new RuleConditions(
                                Inputs.blankToNull(cel.getValue()), Inputs.list(sourceCidrs.getValue()), null, null);
        return new PolicyRule(
                ruleId, Inputs.blankToNull(description.getValue()), subjects, targets, conditions, effect.getValue());
    }
}
