package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.protocol.api.ApiTokenRequest;
import io.gatehouse.protocol.api.Role;
import java.util.List;

/** An API token for scripts, CI and Terraform; its role is at most the creator's. */
public final class ApiTokenForm extends ApiForm<ApiTokenRequest> {
    final TextField name = new TextField("Name");
    final Select<Role> role = new Select<>();
    final IntegerField expiresInDays = new IntegerField("Expires in days (empty: never)");

    public ApiTokenForm(List<Role> grantable, Role own) {
        name.setId("token-name");
        name.setPlaceholder("terraform-ci");
        role.setLabel("Role");
        role.setItems(grantable);
        role.setValue(own);
        role.setId("token-role");
        bind(field("name", name).asRequired("Name the token after what uses it"));
        bind(field("role", role).asRequired("Choose a role"));
        bind(field("expiresInDays", expiresInDays).withValidator(Inputs.atLeast(1)));
        add(name, role, expiresInDays);
        addFormError();
    }

    @Override
    public ApiTokenRequest toRequest() {
        return new ApiTokenRequest(name.getValue().trim(), role.getValue(), expiresInDays.getValue());
    }
}
