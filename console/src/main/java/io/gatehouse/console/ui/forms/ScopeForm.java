package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ValidationResult;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.ScopeRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** One scope of the catalog, e.g. {@code files:write} implying {@code files:read}. */
public final class ScopeForm extends ApiForm<ScopeRequest> {
    final TextField name = new TextField("Name");
    final TextField description = new TextField("Description");
    final MultiSelectComboBox<String> implies = new MultiSelectComboBox<>("Implies");

    public ScopeForm(List<String> otherScopes, Scope existing) {
        name.setId("scope-name");
        name.setPlaceholder("files:read");
        implies.setItems(otherScopes);
        bind(field("name", name)
                .asRequired("Name the scope")
                .withValidator((v, c) -> v.trim().matches("[A-Za-z0-9:._/-]+")
                        ? ValidationResult.ok()
                        : ValidationResult.error("No spaces: letters, digits and : . _ / -")));
        bind(field("description", description));
        bind(field("implies", implies));
        add(name, description, implies);
        addFormError();
        if (existing != null) {
            name.setValue(existing.name());
            description.setValue(existing.description() == null ? "" : existing.description());
            implies.setValue(new LinkedHashSet<>(existing.implies() == null ? List.of() : existing.implies()));
        }
    }

    @Override
    public ScopeRequest toRequest() {
        return new ScopeRequest(
                name.getValue().trim(),
                Inputs.blankToNull(description.getValue()),
                new ArrayList<>(implies.getValue()));
    }
}
