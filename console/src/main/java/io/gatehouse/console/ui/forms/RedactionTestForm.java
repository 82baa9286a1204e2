package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.binder.ValidationResult;
import io.gatehouse.protocol.api.Direction;
import io.gatehouse.protocol.api.RedactionAction;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.RedactionTestRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * "Test against sample text": a sample (plain text, or a JSON document such as tool arguments or a
 * result) and either a stored rule or an inline one (detectors and patterns, with an action). The JSON
 * sample must parse; patterns must compile. Changes nothing on the control plane.
 */
public final class RedactionTestForm extends ApiForm<RedactionTestRequest> {
    public static final String TEXT = "Plain text";
    public static final String JSON_SAMPLE = "JSON";
    static final String STORED = "A stored rule";
    static final String INLINE = "Detectors and patterns";

    final RadioButtonGroup<String> sampleKind = new RadioButtonGroup<>("Sample is");
    final TextArea sample = new TextArea("Sample");
    final RadioButtonGroup<String> source = new RadioButtonGroup<>("Test with");
    final ComboBox<RedactionRule> rule = new ComboBox<>("Rule");
    final MultiSelectComboBox<String> detectors = new MultiSelectComboBox<>("Detectors");
    final TextArea patterns = new TextArea("Patterns (RE2, one per line)");
    final Select<RedactionAction> action = new Select<>();
    final Select<Direction> direction = new Select<>();

    public RedactionTestForm(List<RedactionRule> rules, RedactionRule preselected) {
        sampleKind.setItems(TEXT, JSON_SAMPLE);
        sampleKind.setValue(TEXT);
        sampleKind.setId("redtest-kind");
        sample.setId("redtest-sample");
        sample.setPlaceholder("Contact jane.doe@example.com, card 4111 1111 1111 1111");
        sample.setMinHeight("120px");
        source.setItems(STORED, INLINE);
        source.setValue(rules.isEmpty() ? INLINE : STORED);
        source.setId("redtest-source");
        rule.setItems(rules);
        rule.setItemLabelGenerator(RedactionRule::name);
        rule.setId("redtest-rule");
        detectors.setItems(RedactionRuleForm.DETECTORS);
        detectors.setId("redtest-detectors");
        patterns.setId("redtest-patterns");
        action.setLabel("On a match");
        action.setItems(RedactionAction.values());
        action.setValue(RedactionAction.MASK);
        action.setId("redtest-action");
        direction.setLabel("Direction");
        direction.setItems(Direction.REQUEST, Direction.RESPONSE);
        direction.setItemLabelGenerator(
                d -> d == Direction.REQUEST ? "request (tool arguments)" : "response (results)");
        direction.setValue(Direction.RESPONSE);
        direction.setId("redtest-direction");

        bind(field("sampleKind", sampleKind));
        bind(field("text", sample).asRequired("Paste a sample to test").withValidator((v, c) -> {
            if (!JSON_SAMPLE.equals(sampleKind.getValue())) {
                return ValidationResult.ok();
            }
            try {
                SimulationForm.parseJson(v);
                return ValidationResult.ok();
            } catch (IllegalArgumentException e) {
                return ValidationResult.error(e.getMessage());
            }
        }));
        register("json", sample);
        bind(field("source", source));
        bind(field("ruleId", rule)
                .withValidator((v, c) -> !STORED.equals(source.getValue()) || v != null
                        ? ValidationResult.ok()
                        : ValidationResult.error("Choose the rule to test")));
        bind(field("detectors", detectors));
        bind(field("patterns", patterns).withValidator((v, c) -> {
            for (String line : lines(v)) {
                try {
                    java.util.regex.Pattern.compile(line);
                } catch (PatternSyntaxException e) {
                    return ValidationResult.error("Not a valid pattern: " + line);
                }
            }
            return ValidationResult.ok();
        }));
        bind(field("action", action));
        bind(field("direction", direction).asRequired("Choose a direction"));
        sampleKind.addValueChangeListener(e -> binder.validate());
        source.addValueChangeListener(e -> showSourceFields());

        add(sampleKind, source, sample, rule, detectors, action, patterns, direction);
        setColspan(sample, 2);
        setColspan(patterns, 2);
        addFormError();
        if (preselected != null) {
            rules.stream()
                    .filter(r -> r.id().equals(preselected.id()))
                    .findFirst()
                    .ifPresent(rule::setValue);
            source.setValue(STORED);
        }
        showSourceFields();
    }

    private void showSourceFields() {
        boolean stored = STORED.equals(source.getValue());
        rule.setVisible(stored);
        detectors.setVisible(!stored);
        patterns.setVisible(!stored);
        action.setVisible(!stored);
    }

    private static List<String> lines(String text) {
        return text == null
                ? List.of()
                : text.lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    protected boolean validateMore() {
        if (INLINE.equals(source.getValue())
                && detectors.getValue().isEmpty()
                && lines(patterns.getValue()).isEmpty()) {
            detectors.setErrorMessage("Choose a detector or add a pattern");
            detectors.setInvalid(true);
            return false;
        }
        return true;
    }

    /** Whether the sample is sent as JSON (the result then comes back as JSON too). */
    public boolean json() {
        return JSON_SAMPLE.equals(sampleKind.getValue());
    }

    @Override
    public RedactionTestRequest toRequest() {
        boolean stored = STORED.equals(source.getValue());
        return new RedactionTestRequest(
                json() ? null : sample.getValue(),
                json() ? SimulationForm.parseJson(sample.getValue()) : null,
                stored ? rule.getValue().id() : null,
                stored ? null : new ArrayList<>(detectors.getValue()),
                stored ? null : lines(patterns.getValue()),
                stored ? null : action.getValue(),
                direction.getValue());
    }
}
