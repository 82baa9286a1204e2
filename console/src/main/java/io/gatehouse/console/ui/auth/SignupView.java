package io.gatehouse.console.ui.auth;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.ConsoleContext;
import io.gatehouse.console.ui.forms.SignupForm;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.protocol.api.SignupResponse;
import io.gatehouse.sdk.ConflictException;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.InvalidRequestException;

/** Creates an organisation (tenant) and its owner, then signs the owner in. */
@Route("signup")
@PageTitle("Create an organisation · Gatehouse")
public final class SignupView extends AuthPage {
    private final SignupForm form = new SignupForm();

    public SignupView() {
        super("Create your organisation", "You become its owner; invite your team afterwards.");
        Button create = new Button("Create organisation", e -> signUp());
        create.setId("sign-up");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        addToCard(form, create, new Anchor("login", "I already have an account"));
    }

    private void signUp() {
        if (!form.validate()) {
            return;
        }
        SignupRequest request = form.toRequest();
        try {
            SignupResponse signup = ConsoleContext.current().anonymous().auth().signup(request);
            Session.start(signup.token(), request.email(), signup.tenantId(), signup.userId(), Role.OWNER);
        } catch (InvalidRequestException | ConflictException e) {
            form.showServerErrors(e.fieldErrors(), ApiCalls.describe(e));
        } catch (GatehouseException e) {
            form.showServerErrors(java.util.List.of(), ApiCalls.describe(e));
        }
    }
}
