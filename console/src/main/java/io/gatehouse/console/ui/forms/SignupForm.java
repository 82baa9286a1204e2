package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.protocol.api.SignupRequest;

/** Sign-up: the organisation's name and its first owner's email and password. */
public final class SignupForm extends ApiForm<SignupRequest> {
    static final int MIN_PASSWORD = 12;
    final TextField tenantName = new TextField("Organisation name");
    final TextField email = new TextField("Work email");
    final PasswordField password = new PasswordField("Password");
    final PasswordField confirm = new PasswordField("Repeat password");

    public SignupForm() {
        tenantName.setId("tenantName");
        email.setId("email");
        password.setId("password");
        confirm.setId("confirm");
        password.setHelperText("At least " + MIN_PASSWORD + " characters; a passphrase works well");
        bind(field("tenantName", tenantName).asRequired("Name your organisation"));
        bind(field("email", email).asRequired("Enter your email").withValidator(Inputs.email()));
        bind(field("password", password)
                .asRequired("Choose a password")
                .withValidator(Inputs.minLength(MIN_PASSWORD, "The password")));
        bind(field("confirm", confirm)
                .withValidator((value, ctx) -> value != null && value.equals(password.getValue())
                        ? com.vaadin.flow.data.binder.ValidationResult.ok()
                        : com.vaadin.flow.data.binder.ValidationResult.error("The passwords differ")));
        add(tenantName, email, password, confirm);
        setResponsiveSteps(new ResponsiveStep("0", 1));
        addFormError();
    }

    @Override
    public SignupRequest toRequest() {
        return new SignupRequest(tenantName.getValue().trim(), email.getValue().trim(), password.getValue());
    }
}
