package io.gatehouse.console.ui;

import com.vaadin.flow.server.VaadinServlet;
import io.gatehouse.console.ConsoleConfig;
import io.gatehouse.sdk.Gatehouse;
import java.util.Objects;

/** What every view needs from the deployment: the config and an anonymous SDK client. One per server. */
public final class ConsoleContext {
    /** The servlet-context attribute this object is stored under. */
    public static final String ATTRIBUTE = ConsoleContext.class.getName();

    private final ConsoleConfig config;
    private final Gatehouse anonymous;

    public ConsoleContext(ConsoleConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.anonymous =
                Gatehouse.builder().baseUrl(config.controlPlaneUrl().toString()).build();
    }

    /** The context of the servlet handling the current request. */
    public static ConsoleContext current() {
        VaadinServlet servlet = VaadinServlet.getCurrent();
        if (servlet == null) {
            throw new IllegalStateException("no Vaadin request in progress");
        }
        Object context = servlet.getServletContext().getAttribute(ATTRIBUTE);
        if (!(context instanceof ConsoleContext consoleContext)) {
            throw new IllegalStateException("the console context is not installed (" + ATTRIBUTE + ")");
        }
        return consoleContext;
    }

    public ConsoleConfig config() {
        return config;
    }

    /** A client without credentials: sign-up, login and accepting invitations. */
    public Gatehouse anonymous() {
        return anonymous;
    }

    /** The control plane URL a data plane enrolls against (the public one). */
    public String enrollmentUrl() {
        return config.publicControlPlaneUrl().toString();
    }
}
