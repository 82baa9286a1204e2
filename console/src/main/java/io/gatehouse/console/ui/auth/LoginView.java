package io.gatehouse.console.ui.auth;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.ConsoleContext;
import io.gatehouse.console.ui.ConsoleSession;
import io.gatehouse.console.ui.Navigation;
import io.gatehouse.console.ui.forms.LoginForm;
import io.gatehouse.protocol.api.LoginRequest;
import io.gatehouse.protocol.api.SessionToken;
import io.gatehouse.sdk.AuthenticationException;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.InvalidRequestException;

/** Sign-in with email and password. */
@Route("login")
@PageTitle("Sign in · Gatehouse")
public final class LoginView extends AuthPage implements BeforeEnterObserver {
    private final LoginForm form = new LoginForm();

    public LoginView() {
        super("Sign in", "Sign in to your Gatehouse organisation.");
        Button signIn = new Button("Sign in", e -> signIn());
        signIn.setId("sign-in");
        signIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        signIn.addClickShortcut(Key.ENTER);
        Div links = new Div(
                new Anchor("signup", "Create an organisation"),
                new Div(new Anchor("accept-invitation", "I have an invitation")));
        addToCard(form, signIn, links);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ConsoleSession.current().ifPresent(s -> event.forwardTo(Navigation.home(s.access())));
    }

    private void signIn() {
        if (!form.validate()) {
            return;
        }
        LoginRequest request = form.toRequest();
        try {
            SessionToken session = ConsoleContext.current().anonymous().auth().login(request);
            Session.start(session.token(), request.email(), session.tenantId(), session.userId(), session.role());
        } catch (AuthenticationException e) {
            form.showWrongCredentials();
        } catch (InvalidRequestException e) {
            form.showServerErrors(e.fieldErrors(), ApiCalls.describe(e));
        } catch (GatehouseException e) {
            form.showServerErrors(java.util.List.of(), ApiCalls.describe(e));
        }
    }
}
