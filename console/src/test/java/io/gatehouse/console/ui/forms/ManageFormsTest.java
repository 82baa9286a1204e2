package io.gatehouse.console.ui.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.protocol.api.Direction;
import io.gatehouse.protocol.api.Effect;
import io.gatehouse.protocol.api.FieldError;
import io.gatehouse.protocol.api.Policy;
import io.gatehouse.protocol.api.PolicyMode;
import io.gatehouse.protocol.api.PolicyRequest;
import io.gatehouse.protocol.api.PolicyRule;
import io.gatehouse.protocol.api.PolicySimulationRequest;
import io.gatehouse.protocol.api.RedactionAction;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.RedactionTestRequest;
import io.gatehouse.protocol.api.RuleConditions;
import io.gatehouse.protocol.api.RuleSubjects;
import io.gatehouse.protocol.api.RuleTargets;
import io.gatehouse.protocol.api.TimeWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulate, redaction-test and policy-rule forms as plain objects. */
class ManageFormsTest {
    static final RedactionRule EMAILS = new RedactionRule(
            "r1",
            "emails",
            List.of("email"),
            List.of(),
            Direction.BOTH,
            RedactionAction.MASK,
            List.of(),
            1,
            Instant.EPOCH,
            Instant.EPOCH);

    @Test
    void simulationFormChecksTypedJsonAddressesAndTimesAsTyped() {
        SimulationForm form = new SimulationForm(List.of(FormsTest.FILES));
        assertThat(form.server.getValue()).isEqualTo(FormsTest.FILES);
        form.tool.setValue("");
        assertThat(form.validate()).isFalse();
        assertThat(form.tool.getErrorMessage()).isEqualTo("Name the tool of the tools/call");

        form.tool.setValue("delete_file");
        form.arguments.setValue("[\"/tmp/x\"]");
        form.claims.setValue("{\"dept\": ");
        form.sourceIp.setValue("files.internal");
        form.time.setValue("tomorrow");
        form.issuer.setValue("not a url");
        assertThat(form.validate()).isFalse();
        assertThat(form.arguments.getErrorMessage())
                .isEqualTo("Expected a JSON object such as {\"path\": \"/tmp/x\"}, got an array");
        assertThat(form.claims.getErrorMessage()).startsWith("Not valid JSON at line 1");
        assertThat(form.sourceIp.getErrorMessage()).isEqualTo("Enter an IP address such as 10.0.0.7 or 2001:db8::1");
        assertThat(form.time.getErrorMessage()).startsWith("Enter a time such as 2026-11-24T22:30:00Z");
        assertThat(form.issuer.getErrorMessage()).isEqualTo("Enter an absolute http:// or https:// URL");

        form.arguments.setValue("{\"path\": \"/tmp/x\"}");
        form.claims.setValue("{\"dept\": \"finance\"}");
        form.sourceIp.setValue("2001:db8::7");
        form.time.setValue("2026-11-24T23:30:00+01:00");
        form.issuer.setValue("https://idp.example");
        form.subject.setValue("alice");
        form.groups.setValue("contractors, staff");
        assertThat(form.validate()).isTrue();
        PolicySimulationRequest request = form.toRequest();
        assertThat(request.serverId()).isEqualTo("s1");
        assertThat(request.method()).isEqualTo("tools/call");
        assertThat(request.tool()).isEqualTo("delete_file");
        assertThat(request.arguments().get("path").textValue()).isEqualTo("/tmp/x");
        assertThat(request.sourceIp()).isEqualTo("2001:db8::7");
        assertThat(request.time()).isEqualTo(Instant.parse("2026-11-24T22:30:00Z"));
        assertThat(request.principal().subject()).isEqualTo("alice");
        assertThat(request.principal().groups()).containsExactly("contractors", "staff");
        assertThat(request.principal().claims().get("dept").textValue()).isEqualTo("finance");
        assertThat(request.principal().scopes()).isEmpty();
    }

    @Test
    void simulationFormSendsAnAnonymousCallerAndPlacesApiErrors() {
        SimulationForm form = new SimulationForm(List.of(FormsTest.FILES));
        form.tool.setValue("read_file");
        form.method.setValue("tools/call");
        assertThat(form.validate()).isTrue();
        assertThat(form.toRequest().principal()).isNull();
        assertThat(form.toRequest().arguments()).isNull();
        assertThat(form.toRequest().time()).isNull();

        form.showServerErrors(
                List.of(
                        new FieldError("principal.claims.dept", "must be a string"),
                        new FieldError("serverId", "unknown")),
                "x");
        assertThat(form.claims.getErrorMessage()).isEqualTo("must be a string");
        assertThat(form.server.getErrorMessage()).isEqualTo("unknown");
    }

    @Test
    void ipLiteralsNeverResolveNames() {
        assertThat(SimulationForm.isIpLiteral("10.0.0.7")).isTrue();
        assertThat(SimulationForm.isIpLiteral("::1")).isTrue();
        assertThat(SimulationForm.isIpLiteral("256.0.0.1")).isFalse();
        assertThat(SimulationForm.isIpLiteral("localhost")).isFalse();
        assertThat(SimulationForm.isIpLiteral("example.com")).isFalse();
        assertThat(Inputs.isCidr("10.0.0.0/8")).isTrue();
        assertThat(Inputs.isCidr("2001:db8::/32")).isTrue();
        assertThat(Inputs.isCidr("10.0.0.0/33")).isFalse();
        assertThat(Inputs.isCidr("office")).isFalse();
        assertThatThrownBy(() -> SimulationForm.parseJson("{} {}"))
                .hasMessageStartingWith("Not valid JSON: more than one value");
    }

    @Test
    void redactionTestFormUsesAStoredOrAnInlineRule() {
        RedactionTestForm form = new RedactionTestForm(List.of(EMAILS), null);
        assertThat(form.validate()).isFalse();
        assertThat(form.sample.getErrorMessage()).isEqualTo("Paste a sample to test");
        assertThat(form.rule.getErrorMessage()).isEqualTo("Choose the rule to test");

        form.sample.setValue("mail jane@example.com");
        form.rule.setValue(EMAILS);
        assertThat(form.validate()).isTrue();
        RedactionTestRequest stored = form.toRequest();
        assertThat(stored.text()).isEqualTo("mail jane@example.com");
        assertThat(stored.json()).isNull();
        assertThat(stored.ruleId()).isEqualTo("r1");
        assertThat(stored.detectors()).isNull();
        assertThat(stored.direction()).isEqualTo(Direction.RESPONSE);

        form.source.setValue(RedactionTestForm.INLINE);
        assertThat(form.rule.isVisible()).isFalse();
        assertThat(form.validate()).isFalse();
        assertThat(form.detectors.getErrorMessage()).isEqualTo("Choose a detector or add a pattern");
        form.patterns.setValue("ticket-[0-9]+\n(unclosed");
        assertThat(form.validate()).isFalse();
        assertThat(form.patterns.getErrorMessage()).isEqualTo("Not a valid pattern: (unclosed");
        form.patterns.setValue("ticket-[0-9]+");
        form.detectors.setValue(Set.of("jwt"));
        form.sampleKind.setValue(RedactionTestForm.JSON_SAMPLE);
        assertThat(form.validate()).isFalse();
        assertThat(form.sample.getErrorMessage()).startsWith("Not valid JSON at line 1");
        form.sample.setValue("{\"note\": \"ticket-42\"}");
        form.action.setValue(RedactionAction.HASH);
        assertThat(form.validate()).isTrue();
        RedactionTestRequest inline = form.toRequest();
        assertThat(inline.text()).isNull();
        assertThat(inline.json().get("note").textValue()).isEqualTo("ticket-42");
        assertThat(inline.ruleId()).isNull();
        assertThat(inline.detectors()).containsExactly("jwt");
        assertThat(inline.patterns()).containsExactly("ticket-[0-9]+");
        assertThat(inline.action()).isEqualTo(RedactionAction.HASH);
    }

    @Test
    void redactionTestFormPreselectsTheRowsRuleAndFallsBackToInlineWithoutRules() {
        assertThat(new RedactionTestForm(List.of(EMAILS), EMAILS).rule.getValue())
                .isEqualTo(EMAILS);
        RedactionTestForm none = new RedactionTestForm(List.of(), null);
        assertThat(none.source.getValue()).isEqualTo(RedactionTestForm.INLINE);
        assertThat(none.detectors.isVisible()).isTrue();
    }

    @Test
    void editingAPolicyKeepsClaimsTimeWindowsAndHeaders() {
        PolicyRule rule = new PolicyRule(
                "r1",
                "office hours only",
                new RuleSubjects(List.of(), List.of("contractors"), List.of(), Map.of("dept", "finance")),
                new RuleTargets(List.of(), List.of("delete_*"), List.of()),
                new RuleConditions(
                        null,
                        List.of("10.0.0.0/8"),
                        new TimeWindow(List.of("mon", "tue"), "09:00", "18:00", "Europe/Berlin"),
                        Map.of("x-env", "prod")),
                Effect.DENY);
        Policy policy = new Policy(
                "p1", "hours", null, 5, PolicyMode.SHADOW, true, List.of(rule), 3, Instant.EPOCH, Instant.EPOCH);
        PolicyForm form = new PolicyForm(List.of(FormsTest.FILES), policy);
        assertThat(form.validate()).isTrue();
        PolicyRequest request = form.toRequest();
        assertThat(request.mode()).isEqualTo(PolicyMode.SHADOW);
        PolicyRule sent = request.rules().getFirst();
        assertThat(sent.id()).isEqualTo("r1");
        assertThat(sent.subjects().claims()).isEqualTo(Map.of("dept", "finance"));
        assertThat(sent.conditions().timeWindow())
                .isEqualTo(new TimeWindow(List.of("mon", "tue"), "09:00", "18:00", "Europe/Berlin"));
        assertThat(sent.conditions().headers()).isEqualTo(Map.of("x-env", "prod"));
        assertThat(sent.conditions().sourceCidrs()).containsExactly("10.0.0.0/8");
    }

    @Test
    void ruleConditionsValidateAsTypedAndApiErrorsLandOnTheRow() {
        PolicyForm form = new PolicyForm(List.of(FormsTest.FILES), null);
        form.name.setValue("p");
        RuleEditor row = form.rows.getFirst();
        row.sourceCidrs.setValue("10.0.0.0/8, office");
        assertThat(row.sourceCidrs.isInvalid()).isTrue();
        assertThat(row.sourceCidrs.getErrorMessage())
                .isEqualTo("'office' is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32");
        row.sourceCidrs.setValue("10.0.0.0/8");
        assertThat(row.sourceCidrs.isInvalid()).isFalse();
        row.start.setValue("9am");
        assertThat(row.start.getErrorMessage()).isEqualTo("Enter a time of day as HH:mm, e.g. 09:00");
        row.start.setValue("09:00");
        row.end.setValue("18:00");
        row.days.setValue("mon, someday");
        assertThat(row.days.getErrorMessage()).isEqualTo("'someday' is not a day (mon, tue, wed, thu, fri, sat, sun)");
        row.days.setValue("mon");
        row.zone.setValue("Mars/Olympus");
        assertThat(row.zone.isInvalid()).isTrue();
        assertThat(form.validate()).isFalse();
        row.zone.setValue("");
        assertThat(form.validate()).isFalse();
        assertThat(row.zone.getErrorMessage()).isEqualTo("A time window needs a time zone, e.g. UTC");
        row.zone.setValue("UTC");
        row.claims.setValue("dept");
        assertThat(row.claims.getErrorMessage()).isEqualTo("'dept' (expected: key=value)");
        row.claims.setValue("dept=fin");
        assertThat(form.validate()).isTrue();
        assertThat(form.toRequest().rules().getFirst().conditions().timeWindow())
                .isEqualTo(new TimeWindow(List.of("mon"), "09:00", "18:00", "UTC"));

        form.showServerErrors(List.of(new FieldError("rules[0].conditions.timeWindow.zone", "unknown zone")), null);
        assertThat(row.zone.getErrorMessage()).isEqualTo("unknown zone");
    }
}
