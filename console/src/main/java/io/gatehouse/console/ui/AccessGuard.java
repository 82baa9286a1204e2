package io.gatehouse.console.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterListener;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.gatehouse.console.ui.auth.AcceptInvitationView;
import io.gatehouse.console.ui.auth.LoginView;
import io.gatehouse.console.ui.auth.SignupView;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before any view is created: the public screens are open, every other screen needs a signed-in
 * member whose role may see it ({@link Navigation#allows}). Installed for every UI through
 * {@code META-INF/services/com.vaadin.flow.server.VaadinServiceInitListener}.
 */
public final class AccessGuard implements VaadinServiceInitListener, BeforeEnterListener {
    static final Set<Class<?>> PUBLIC = Set.of(LoginView.class, SignupView.class, AcceptInvitationView.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (PUBLIC.contains(target)) {
            return;
        }
        Optional<ConsoleSession> session = ConsoleSession.current();
        if (session.isEmpty()) {
            event.forwardTo(LoginView.class);
            return;
        }
        Access access = session.get().access();
        if (!Navigation.allows(access, target)) {
            event.forwardTo(Navigation.home(access));
        }
    }
}
