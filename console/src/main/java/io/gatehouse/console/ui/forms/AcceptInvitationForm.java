package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.protocol.api.InvitationAcceptRequest;

/** Joining an organisation: the invitation token and a password (a new one, or the existing one). */
public final class AcceptInvitationForm extends ApiForm<InvitationAcceptRequest> {
    final TextField token = new TextField("Invitation token");
    final PasswordField password = new PasswordField("Password");

    public AcceptInvitationForm(String presetToken) {
        token.setId("token");
        password.setId("password");
        password.setHelperText("New here: choose one (12+ characters). Already a user: your current password.");
        bind(field("token", token)
                .asRequired("Paste the token from your invitation")
                .withValidator((v, c) -> v.trim().startsWith("ghi_")
                        ? com.vaadin.flow.data.binder.ValidationResult.ok()
                        : com.vaadin.flow.data.binder.ValidationResult.error("Invitation tokens start with ghi_")));
        bind(field("password", password)
                .asRequired("Enter a password")
                .withValidator(Inputs.minLength(SignupForm.MIN_PASSWORD, "The password")));
        if (presetToken != null) {
            token.setValue(presetToken);
        }
        add(token, password);
        setResponsiveSteps(new ResponsiveStep("0", 1));
        addFormError();
    }

    @Override
    public InvitationAcceptRequest toRequest() {
        return new InvitationAcceptRequest(token.getValue().trim(), password.getValue());
    }
}
