package io.gatehouse.console.ui;

import com.vaadin.flow.server.VaadinSession;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.sdk.Gatehouse;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in member of one browser session ({@code email} may be null: the API has no "who am I"
 * call, and a member who joined by invitation without MEMBERS_READ cannot look it up). The control-plane session token stays on the server
 * inside the SDK client; the browser only holds the console's own session cookie.
 */
public record ConsoleSession(Gatehouse client, String email, String tenantId, String userId, Role role) {
    public ConsoleSession {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(role, "role");
    }

    public static Optional<ConsoleSession> current() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(ConsoleSession.class));
    }

    /** The signed-in member; views behind {@link MainLayout} can rely on it. */
    public static ConsoleSession require() {
        return current().orElseThrow(() -> new IllegalStateException("not signed in"));
    }

    public Access access() {
        return Access.of(role);
    }

    public static void signIn(ConsoleSession session) {
        VaadinSession vaadin = VaadinSession.getCurrent();
        vaadin.setAttribute(ConsoleSession.class, session);
        // A fresh HTTP session id after login defeats session fixation.
        com.vaadin.flow.server.VaadinService.reinitializeSession(com.vaadin.flow.server.VaadinRequest.getCurrent());
    }

    /** Revokes the control-plane session (best effort) and forgets the member. */
    public static void signOut() {
        current().ifPresent(session -> {
            try {
                session.client().auth().logout();
            } catch (RuntimeException e) {
                // the token may already be expired or revoked; the console forgets it either way
            }
        });
        VaadinSession vaadin = VaadinSession.getCurrent();
        if (vaadin != null) {
            vaadin.setAttribute(ConsoleSession.class, null);
            vaadin.getSession().invalidate();
        }
    }
}
