package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.forms.SimulationForm;
import io.gatehouse.protocol.api.Effect;
import io.gatehouse.protocol.api.PolicySimulation;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * "Would this call pass, and why": a {@link SimulationForm} and, after Simulate, the decision the agents
 * would take with the tenant's current policies (the control plane runs the same engine): allow or
 * deny, the deciding rule, the reason and message, the conditions that held, and what a shadow-mode
 * rule would have decided. Changes nothing, so every role that sees policies may use it.
 */
final class SimulateDialog extends Dialog {
    private final Gatehouse client;
    private final SimulationForm form;
    private final Div result = new Div();

    private SimulateDialog(Gatehouse client, List<Server> servers) {
        this.client = client;
        this.form = new SimulationForm(servers);
        setId("simulate-dialog");
        setHeaderTitle("Simulate a call");
        setWidth("min(900px, 96vw)");
        result.setId("simulate-result");
        result.setWidthFull();
        add(form, result);
        Button run = new Button("Simulate", VaadinIcon.PLAY.create(), e -> simulate());
        run.setId("simulate-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button close = new Button("Close", e -> close());
        close.setId("simulate-close");
        getFooter().add(close, run);
    }

    static void open(Gatehouse client, List<Server> servers) {
        new SimulateDialog(client, servers).open();
    }

    private void simulate() {
        result.removeAll();
        if (!form.validate()) {
            return;
        }
        try {
            show(client.policies().simulate(form.toRequest()));
        } catch (InvalidRequestException e) {
            form.showServerErrors(e.fieldErrors(), ApiCalls.describe(e));
        } catch (GatehouseException e) {
            ApiCalls.handle(e);
        }
    }

    private void show(PolicySimulation sim) {
        Span decision = new Span(decision(sim));
        decision.setId("simulate-decision");
        decision.getElement().getThemeList().add(sim.allowed() ? "badge success" : "badge error");
        decision.getStyle().set("font-size", "var(--lumo-font-size-l)");
        result.add(new H4("Decision"), decision);
        Div lines = new Div();
        lines.setId("simulate-lines");
        for (String line : lines(sim)) {
            lines.add(new Div(new Span(line)));
        }
        result.add(lines);
        result.scrollIntoView();
    }

    /** {@code ALLOW} or {@code DENY}. */
    static String decision(PolicySimulation sim) {
        return sim.allowed() ? "ALLOW" : "DENY";
    }

    /** The explanation, one line each: rule, reason, message, matched conditions, shadow, default. */
    static List<String> lines(PolicySimulation sim) {
        List<String> out = new ArrayList<>();
        out.add("Rule: " + (sim.ruleId() == null ? "—" : sim.ruleId()));
        out.add("Reason: " + (sim.reason() == null ? "—" : sim.reason()));
        if (sim.message() != null && !sim.message().isBlank()) {
            out.add("Why: " + sim.message());
        }
        List<String> matched = sim.matched() == null ? List.of() : sim.matched();
        out.add("Matched conditions: " + (matched.isEmpty() ? "none (no rule matched)" : String.join("; ", matched)));
        PolicySimulation.ShadowDecision shadow = sim.shadow();
        if (shadow == null) {
            out.add("Shadow decisions: none");
        } else {
            List<String> shadowMatched = shadow.matched() == null ? List.of() : shadow.matched();
            out.add("Shadow decision (logged, not enforced): " + (shadow.effect() == Effect.ALLOW ? "allow" : "deny")
                    + " by rule " + shadow.ruleId() + " (" + shadow.reason() + ")"
                    + (shadowMatched.isEmpty() ? "" : ", matched " + String.join("; ", shadowMatched)));
        }
        out.add("Tenant default when no rule matches: "
                + (sim.policyDefault() == null ? "—" : sim.policyDefault().wire()) + " · decided from " + sim.rules()
                + " enabled rules");
        return out;
    }
}
