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
import io.gatehouse.protocol.api.TimeWindow;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    final TextField claims = new TextField("Claims (key=value)");
    final TextField days = new TextField("Days (mon..sun)");
    final TextField start = new TextField("From (HH:mm)");
    final TextField end = new TextField("Until (HH:mm)");
    final TextField zone = new TextField("Time zone");
    final TextField headers = new TextField("Headers (name=value)");
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
        sourceCidrs.setPlaceholder("10.0.0.0/8, 2001:db8::/32");
        claims.setPlaceholder("department=finance");
        days.setPlaceholder("mon, tue, wed, thu, fri");
        start.setPlaceholder("09:00");
        end.setPlaceholder("18:00");
        zone.setPlaceholder("Europe/Berlin");
        headers.setPlaceholder("x-env=prod");
        for (TextField f : List.of(sourceCidrs, claims, days, start, end, zone, headers)) {
            f.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.EAGER);
            f.addValueChangeListener(e -> check());
        }
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
        FormLayout match = new FormLayout(
                users,
                groups,
                clients,
                claims,
                servers,
                tools,
                methods,
                cel,
                sourceCidrs,
                headers,
                days,
                zone,
                start,
                end);
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
                claims.setValue(pairs(s.claims()));
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
                headers.setValue(pairs(c.headers()));
                TimeWindow w = c.timeWindow();
                if (w != null) {
                    days.setValue(join(w.days()));
                    start.setValue(ServerForm.nz(w.start()));
                    end.setValue(ServerForm.nz(w.end()));
                    zone.setValue(ServerForm.nz(w.zone()));
                }
            }
            more.setOpened(true);
        }
    }

    private static String join(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    private static String pairs(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(k + "=" + v));
        return String.join(", ", out);
    }

    /**
     * Checks the condition fields as typed and marks the first problem of each; true when all hold.
     * CEL is checked by the API (its errors land on {@code rules[i].conditions.cel}).
     */
    boolean check() {
        boolean ok = mark(sourceCidrs, cidrProblem(sourceCidrs.getValue()));
        ok &= mark(claims, pairsProblem(claims.getValue()));
        ok &= mark(headers, pairsProblem(headers.getValue()));
        ok &= mark(days, daysProblem(days.getValue()));
        ok &= mark(start, clockProblem(start.getValue()));
        ok &= mark(end, clockProblem(end.getValue()));
        ok &= mark(zone, zoneProblem(zone.getValue()));
        boolean anyWindow = !(days.getValue().isBlank()
                && start.getValue().isBlank()
                && end.getValue().isBlank()
                && zone.getValue().isBlank());
        if (ok && anyWindow) {
            if (start.getValue().isBlank()) {
                ok = mark(start, "A time window needs a start");
            } else if (end.getValue().isBlank()) {
                ok = mark(end, "A time window needs an end");
            } else if (zone.getValue().isBlank()) {
                ok = mark(zone, "A time window needs a time zone, e.g. UTC");
            }
        }
        return ok;
    }

    private static boolean mark(TextField field, String problem) {
        field.setInvalid(problem != null);
        field.setErrorMessage(problem);
        return problem == null;
    }

    static String cidrProblem(String text) {
        for (String cidr : Inputs.list(text)) {
            if (!Inputs.isCidr(cidr)) {
                return "'" + cidr + "' is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32";
            }
        }
        return null;
    }

    static String pairsProblem(String text) {
        try {
            Inputs.pairs(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static final Set<String> DAYS = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    static String daysProblem(String text) {
        for (String day : Inputs.list(text)) {
            if (!DAYS.contains(day.toLowerCase(Locale.ROOT))) {
                return "'" + day + "' is not a day (mon, tue, wed, thu, fri, sat, sun)";
            }
        }
        return null;
    }

    static String clockProblem(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.trim().matches("([01]\\d|2[0-3]):[0-5]\\d") ? null : "Enter a time of day as HH:mm, e.g. 09:00";
    }

    static String zoneProblem(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            ZoneId.of(text.trim());
            return null;
        } catch (DateTimeException e) {
            return "'" + text.trim() + "' is not a time zone such as UTC or Europe/Berlin";
        }
    }

    PolicyRule toRule() {
        Map<String, String> claimMap = Inputs.pairs(claims.getValue());
        RuleSubjects subjects = new RuleSubjects(
                Inputs.list(users.getValue()),
                Inputs.list(groups.getValue()),
                Inputs.list(clients.getValue()),
                claimMap.isEmpty() ? null : claimMap);
        RuleTargets targets = new RuleTargets(
                servers.getValue().stream().map(Server::id).toList(),
                Inputs.list(tools.getValue()),
                Inputs.list(methods.getValue()));
        TimeWindow window = start.getValue().isBlank()
                ? null
                : new TimeWindow(
                        Inputs.list(days.getValue()).stream()
                                .map(d -> d.toLowerCase(Locale.ROOT))
                                .toList(),
                        start.getValue().trim(),
                        end.getValue().trim(),
                        zone.getValue().trim());
        Map<String, String> headerMap = Inputs.pairs(headers.getValue());
        RuleConditions conditions =
                cel.getValue().isBlank() && sourceCidrs.getValue().isBlank() && window == null && headerMap.isEmpty()
                        ? null
                        : new RuleConditions(
                                Inputs.blankToNull(cel.getValue()),
                                Inputs.list(sourceCidrs.getValue()),
                                window,
                                headerMap.isEmpty() ? null : headerMap);
        return new PolicyRule(
                ruleId, Inputs.blankToNull(description.getValue()), subjects, targets, conditions, effect.getValue());
    }
}
