package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.DataPlaneGroupRequest;

/** A group of data-plane agents that share one bundle. */
public final class DataPlaneGroupForm extends ApiForm<DataPlaneGroupRequest> {
    final TextField name = new TextField("Name");
    final TextField description = new TextField("Description");

    public DataPlaneGroupForm(DataPlaneGroup existing) {
        name.setId("group-name");
        bind(field("name", name)
                .asRequired("Name the group")
                .withValidator((v, c) -> v.trim().length() <= 100
                        ? com.vaadin.flow.data.binder.ValidationResult.ok()
                        : com.vaadin.flow.data.binder.ValidationResult.error("At most 100 characters")));
        bind(field("description", description));
        add(name, description);
        addFormError();
        if (existing != null) {
            name.setValue(existing.name());
            description.setValue(ServerForm.nz(existing.description()));
        }
    }

    @Override
    public DataPlaneGroupRequest toRequest() {
        return new DataPlaneGroupRequest(name.getValue().trim(), Inputs.blankToNull(description.getValue()));
    }
}
