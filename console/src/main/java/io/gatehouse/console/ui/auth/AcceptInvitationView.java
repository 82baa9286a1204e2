package io.gatehouse.console.ui.auth;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.console.ui.ApiCalls;
import io.gatehouse.console.ui.ConsoleContext;
import io.gatehouse.console.ui.forms.AcceptInvitationForm;
import io.gatehouse.protocol.api.InvitationAcceptRequest;
import io.gatehouse.protocol.api.SessionToken;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.InvalidRequestException;
import io.gatehouse.sdk.NotFoundException;
import java.util.List;

/** Accepts an invitation ({@code /accept-invitation?token=ghi_...}) and signs the new member in. */
@Route("accept-invitation")
@PageTitle("Join an organisation · Gatehouse")
public final class AcceptInvitationView extends AuthPage implements BeforeEnterObserver {
    private AcceptInvitationForm form;

    public AcceptInvitationView() {
        super("Join your team", "Accept the invitation you received.");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (form != null) {
            return;
        }
        String token = event.getLocation()
                .getQueryParameters()
                .getSingleParameter("token")
                .orElse(null);
        form = new AcceptInvitationForm(token);
        Button join = new Button("Join", e -> accept());
        join.setId("accept");
        join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        addToCard(form, join);
    }

    private void accept() {
        if (!form.validate()) {
            return;
        }
        InvitationAcceptRequest request = form.toRequest();
        try {
            SessionToken session = ConsoleContext.current().anonymous().auth().acceptInvitation(request);
            Session.start(session.token(), emailOf(session), session.tenantId(), session.userId(), session.role());
        } catch (InvalidRequestException e) {
            form.showServerErrors(e.fieldErrors(), ApiCalls.describe(e));
        } catch (NotFoundException e) {
            form.showServerErrors(
                    List.of(new io.gatehouse.protocol.api.FieldError("token", "This invitation does not exist")), null);
        } catch (GatehouseException e) {
            form.showServerErrors(List.of(), ApiCalls.describe(e));
        }
    }

    /** The session does not carry the email; the member record does. */
    private static String emailOf(SessionToken session) {
        try {
            return ConsoleContext.current()
                    .anonymous()
                    .withToken(session.token())
                    .users()
                    .get(session.userId())
                    .email();
        } catch (GatehouseException e) {
            return null; // roles without MEMBERS_READ cannot read their own member record
        }
    }
}
