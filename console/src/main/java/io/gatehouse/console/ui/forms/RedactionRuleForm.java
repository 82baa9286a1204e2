package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ValidationResult;
import io.gatehouse.protocol.api.Direction;
import io.gatehouse.protocol.api.RedactionAction;
import io.gatehouse.protocol.api.RedactionRule;
import io.gatehouse.protocol.api.RedactionRuleRequest;
import io.gatehouse.protocol.api.Server;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** A DLP rule: built-in detectors and/or patterns, which direction, and what to do with a match. */
public final class RedactionRuleForm extends ApiForm<RedactionRuleRequest> {
    /** The detectors the control plane accepts ({@code RedactionRuleService.DETECTORS}). */
    public static final List<String> DETECTORS = List.of(
            "email",
            "phone",
            "credit_card",
            "iban",
            "ssn",
            "ipv4",
            "ipv6",
            "jwt",
            "private_key",
            "aws_access_key_id",
            "aws_secret_access_key",
            "github_token",
            "slack_token",
            "google_api_key",
            "bearer_token");

    final TextField name = new TextField("Name");
    final MultiSelectComboBox<String> detectors = new MultiSelectComboBox<>("Detectors");
    final TextArea patterns = new TextArea("Extra patterns (RE2, one per line)");
    final Select<Direction> direction = new Select<>();
    final Select<RedactionAction> action = new Select<>();
    final MultiSelectComboBox<Server> servers = new MultiSelectComboBox<>("Servers (none = every server)");

    public RedactionRuleForm(List<Server> allServers, RedactionRule existing) {
        name.setId("redaction-name");
        detectors.setItems(DETECTORS);
        detectors.setId("redaction-detectors");
        direction.setLabel("Inspect");
        direction.setItems(Direction.values());
        direction.setValue(Direction.BOTH);
        action.setLabel("On a match");
        action.setItems(RedactionAction.values());
        action.setValue(RedactionAction.MASK);
        servers.setItems(allServers);
        servers.setItemLabelGenerator(Server::name);
        bind(field("name", name).asRequired("Name the rule"));
        bind(field("detectors", detectors));
        bind(field("patterns", patterns).withValidator((v, c) -> {
            for (String line :
                    v.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
                try {
                    java.util.regex.Pattern.compile(line);
                } catch (PatternSyntaxException e) {
                    return ValidationResult.error("Not a valid pattern: " + line);
                }
            }
            return ValidationResult.ok();
        }));
        bind(field("direction", direction).asRequired("Choose a direction"));
        bind(field("action", action).asRequired("Choose an action"));
        bind(field("serverIds", servers));
        add(name, detectors, patterns, direction, action, servers);
        setColspan(patterns, 2);
        addFormError();
        if (existing != null) {
            name.setValue(existing.name());
            detectors.setValue(new LinkedHashSet<>(existing.detectors() == null ? List.of() : existing.detectors()));
            patterns.setValue(existing.patterns() == null ? "" : String.join("\n", existing.patterns()));
            direction.setValue(existing.direction());
            action.setValue(existing.action());
            Set<String> ids = Set.copyOf(existing.serverIds() == null ? List.of() : existing.serverIds());
            servers.setValue(new LinkedHashSet<>(
                    allServers.stream().filter(s -> ids.contains(s.id())).toList()));
        }
    }

    /** One pattern per line (commas are part of a pattern, e.g. {@code \d{3,4}}). */
    List<String> patternLines() {
        return patterns.getValue()
                .lines()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    @Override
    protected boolean validateMore() {
        if (detectors.getValue().isEmpty() && patternLines().isEmpty()) {
            detectors.setErrorMessage("Choose a detector or add a pattern");
            detectors.setInvalid(true);
            return false;
        }
        return true;
    }

    @Override
    public RedactionRuleRequest toRequest() {
        return new RedactionRuleRequest(
                name.getValue().trim(),
                new ArrayList<>(detectors.getValue()),
                patternLines(),
                direction.getValue(),
                action.getValue(),
                servers.getValue().stream().map(Server::id).toList());
    }
}
