package io.gatehouse.console.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.gatehouse.sdk.ApiConnectionException;
import io.gatehouse.sdk.AuthenticationException;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.PermissionDeniedException;
import io.gatehouse.sdk.PreconditionFailedException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs an SDK call for a view and turns failures into something a person can act on: an expired
 * session goes back to sign-in, everything else becomes an error notification that quotes the
 * request id. Field errors of forms are handled by {@link EditorDialog} instead.
 */
public final class ApiCalls {
    private ApiCalls() {}

    public static <T> Optional<T> call(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (GatehouseException e) {
            handle(e);
            return Optional.empty();
        }
    }

    public static boolean run(Runnable call) {
        try {
            call.run();
            return true;
        } catch (GatehouseException e) {
            handle(e);
            return false;
        }
    }

    /** Shows {@code e} to the user (or signs out on an expired session). */
    public static void handle(GatehouseException e) {
        if (e instanceof AuthenticationException) {
            ConsoleSession.signOut();
            UI.getCurrent().getPage().setLocation("login?expired");
            return;
        }
        error(describe(e));
    }

    /** The message for a failed call, without secrets (the SDK's messages carry none). */
    public static String describe(GatehouseException e) {
        String what;
        if (e instanceof ApiConnectionException) {
            what = "The control plane cannot be reached right now. Try again in a moment.";
        } else if (e instanceof PermissionDeniedException) {
            what = "Your role does not allow this.";
        } else if (e instanceof PreconditionFailedException) {
            what = "Someone else changed this in the meantime. Reload and try again.";
        } else {
            String detail = e.problem() != null && e.problem().detail() != null
                    ? e.problem().detail()
                    : e.code();
            what = detail;
        }
        return e.requestId() == null ? what : what + " (request " + e.requestId() + ")";
    }

    public static void error(String message) {
        Notification n = Notification.show(message, 8000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.setId("error-notification");
    }

    public static void success(String message) {
        Notification n = Notification.show(message, 3000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
