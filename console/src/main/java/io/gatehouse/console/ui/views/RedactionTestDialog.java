package io.gatehouse.console.ui.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.forms.RedactionTestForm;
import io.gatehouse.protocol.api.RedactionFinding;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.RedactionTestResult;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * "Test against sample text": runs a sample through the data plane's redaction engine on the control
 * plane ({@code POST /api/v1/redaction-rules:test}) and shows the redacted output, whether a block rule
 * matched, and each finding (rule, detector, where, action; never the value). Changes nothing, so every
 * role that sees redaction rules may use it.
 */
final class RedactionTestDialog extends Dialog {
    private final Gatehouse client;
    private final RedactionTestForm form;
    private final Map<String, String> ruleNames;
    private final Div result = new Div();

    private RedactionTestDialog(Gatehouse client, List<RedactionRule> rules, RedactionRule preselected) {
        this.client = client;
        this.form = new RedactionTestForm(rules, preselected);
        this.ruleNames = rules.stream().collect(Collectors.toMap(RedactionRule::id, RedactionRule::name, (a, b) -> a));
        setId("redaction-test-dialog");
        setHeaderTitle("Test redaction against a sample");
        setWidth("min(900px, 96vw)");
        result.setId("redtest-result");
        result.setWidthFull();
        add(form, result);
        Button run = new Button("Run test", VaadinIcon.PLAY.create(), e -> runTest());
        run.setId("redtest-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button close = new Button("Close", e -> close());
        close.setId("redtest-close");
        getFooter().add(close, run);
    }

    static void open(Gatehouse client, List<RedactionRule> rules, RedactionRule preselected) {
        new RedactionTestDialog(client, rules, preselected).open();
    }

    private void runTest() {
        result.removeAll();
        if (!form.validate()) {
            return;
        }
        try {
            show(client.redactionRules().test(form.toRequest()));
        } catch (InvalidRequestException e) {
            form.showServerErrors(e.fieldErrors(), ApiCalls.describe(e));
        } catch (GatehouseException e) {
            ApiCalls.handle(e);
        }
    }

    private void show(RedactionTestResult r) {
        List<RedactionFinding> found = r.findings() == null ? List.of() : r.findings();
        Span verdict = new Span(verdict(r));
        verdict.setId("redtest-verdict");
        verdict.getElement()
                .getThemeList()
                .add(r.blocked() ? "badge error" : found.isEmpty() ? "badge contrast" : "badge success");
        Pre output = new Pre(output(r));
        output.setId("redtest-output");
        output.getStyle()
                .set("white-space", "pre-wrap")
                .set("background", "var(--lumo-contrast-5pct)")
                .set("padding", "var(--lumo-space-s)");
        Grid<RedactionFinding> findings = new Grid<>();
        findings.setId("redtest-findings");
        findings.addThemeVariants(GridVariant.LUMO_COMPACT);
        findings.setAllRowsVisible(true);
        Function<RedactionFinding, String> rule =
                f -> f.ruleId() == null ? "inline" : ruleNames.getOrDefault(f.ruleId(), f.ruleId());
        findings.addColumn(rule::apply).setHeader("Rule").setAutoWidth(true);
        findings.addColumn(RedactionFinding::detector).setHeader("Detector").setAutoWidth(true);
        findings.addColumn(f -> where(f)).setHeader("Where").setAutoWidth(true);
        findings.addColumn(f -> f.action() == null ? "" : f.action().wire())
                .setHeader("Action")
                .setAutoWidth(true);
        findings.setItems(found);
        result.add(new H4("Result"), verdict, new H4("Redacted output"), output, new H4("Findings"), findings);
        result.scrollIntoView();
    }

    /** One line about the outcome. */
    static String verdict(RedactionTestResult r) {
        int n = r.findings() == null ? 0 : r.findings().size();
        if (r.blocked()) {
            return "BLOCKED: a block rule matched (" + n + " finding" + (n == 1 ? "" : "s")
                    + "); the data plane would refuse the call or withhold the result";
        }
        return n == 0
                ? "Nothing matched; the sample passes unchanged"
                : n + " finding" + (n == 1 ? "" : "s") + " redacted";
    }

    /** The redacted text, or the redacted JSON pretty-printed. */
    static String output(RedactionTestResult r) {
        if (r.json() != null && !r.json().isNull()) {
            return r.json().toPrettyString();
        }
        return r.text() == null ? "" : r.text();
    }

    static String where(RedactionFinding f) {
        String pointer = f.pointer() == null || f.pointer().isEmpty() ? "(text)" : f.pointer();
        return f.key() ? pointer + " (member name)" : pointer;
    }
}
