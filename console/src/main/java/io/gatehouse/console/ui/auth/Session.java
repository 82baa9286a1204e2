package io.gatehouse.console.ui.auth;

import com.vaadin.flow.component.UI;
import io.gatehouse.console.ui.ConsoleContext;
import io.gatehouse.console.ui.ConsoleSession;
import io.gatehouse.console.ui.Navigation;
import io.gatehouse.protocol.api.Role;

/** Turns a fresh control-plane session token into a signed-in console session and goes home. */
final class Session {
    private Session() {}

    static void start(String token, String email, String tenantId, String userId, Role role) {
        ConsoleSession session = new ConsoleSession(
                ConsoleContext.current().anonymous().withToken(token), email, tenantId, userId, role);
        ConsoleSession.signIn(session);
        UI.getCurrent().navigate(Navigation.home(session.access()));
    }
}
