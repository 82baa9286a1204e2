package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.protocol.api.LoginRequest;

/** Sign-in; the tenant id is needed only by someone who belongs to several organisations. */
public final class LoginForm extends ApiForm<LoginRequest> {
    final TextField email = new TextField("Email");
    final PasswordField password = new PasswordField("Password");
    final TextField tenantId = new TextField("Organisation id (only if you belong to several)");

    public LoginForm() {
        email.setId("email");
        password.setId("password");
        tenantId.setId("tenantId");
        bind(field("email", email).asRequired("Enter your email").withValidator(Inputs.email()));
        bind(field("password", password).asRequired("Enter your password"));
        bind(field("tenantId", tenantId));
        add(email, password, tenantId);
        setResponsiveSteps(new ResponsiveStep("0", 1));
        addFormError();
    }

    @Override
    public LoginRequest toRequest() {
        return new LoginRequest(email.getValue().trim(), password.getValue(), Inputs.blankToNull(tenantId.getValue()));
    }

    /** 401 on login: the API does not say which of the two was wrong, and neither does the console. */
    public void showWrongCredentials() {
        password.setErrorMessage("Email or password is not right");
        password.setInvalid(true);
    }
}
