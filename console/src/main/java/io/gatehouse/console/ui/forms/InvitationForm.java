package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.protocol.api.InvitationRequest;
import io.gatehouse.protocol.api.Role;
import java.util.List;

/** Invites someone by email with a role (never above the inviter's). */
public final class InvitationForm extends ApiForm<InvitationRequest> {
    final TextField email = new TextField("Email");
    final Select<Role> role = new Select<>();

    public InvitationForm(List<Role> grantable) {
        email.setId("invite-email");
        role.setLabel("Role");
        role.setItems(grantable);
        role.setValue(grantable.contains(Role.VIEWER) ? Role.VIEWER : grantable.getFirst());
        role.setId("invite-role");
        bind(field("email", email).asRequired("Whom to invite").withValidator(Inputs.email()));
        bind(field("role", role).asRequired("Choose a role"));
        add(email, role);
        addFormError();
    }

    @Override
    public InvitationRequest toRequest() {
        return new InvitationRequest(email.getValue().trim(), role.getValue());
    }
}
