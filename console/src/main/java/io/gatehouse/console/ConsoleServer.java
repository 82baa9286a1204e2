package io.gatehouse.console;

import com.vaadin.flow.server.InitParameters;
import com.vaadin.flow.server.VaadinServlet;
import io.gatehouse.console.internal.VaadinInitializers;
import io.gatehouse.console.ui.ConsoleContext;
import java.net.URI;
import java.util.Objects;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The console's own Jetty 12.1 server (EE11, Servlet 6.1, Vaadin 25's baseline): one context with
 * sessions, Vaadin's initializers, the jar web resources and {@link VaadinServlet} on {@code /*}.
 */
public final class ConsoleServer implements AutoCloseable {
    /** Idle sessions end after this long; the control-plane session token goes with them. */
    static final int SESSION_IDLE_SECONDS = 30 * 60;

    private final Server server;
    private final ServerConnector connector;
    private final ConsoleConfig config;

    private ConsoleServer(Server server, ServerConnector connector, ConsoleConfig config) {
        this.server = server;
        this.connector = connector;
        this.config = config;
    }

    /** Starts the console; {@link #uri()} then tells where it listens. */
    public static ConsoleServer start(ConsoleConfig config) throws Exception {
        Objects.requireNonNull(config, "config");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);

        ClassLoader loader = ConsoleServer.class.getClassLoader();
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.setClassLoader(loader);
        context.setBaseResource(VaadinInitializers.webResources(ResourceFactory.of(context), loader));
        context.getSessionHandler().setMaxInactiveInterval(SESSION_IDLE_SECONDS);
        context.getSessionHandler().setHttpOnly(true);
        context.setAttribute(ConsoleContext.ATTRIBUTE, new ConsoleContext(config));
        VaadinInitializers.register(context, loader);

        ServletHolder vaadin = new ServletHolder("vaadin", new VaadinServlet());
        vaadin.setAsyncSupported(true);
        // The console ships only the pre-built production bundle; there is no dev server to fall back to.
        vaadin.setInitParameter(InitParameters.SERVLET_PARAMETER_PRODUCTION_MODE, "true");
        context.addServlet(vaadin, "/*");

        server.setHandler(context);
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new ConsoleServer(server, connector, config);
    }

    /** Where a browser reaches the console, e.g. {@code http://localhost:8090}. */
    public URI uri() {
        String host = config.host();
        if (host.isEmpty() || "0.0.0.0".equals(host) || "127.0.0.1".equals(host) || "::".equals(host)) {
            host = "localhost";
        }
        return URI.create("http://" + host + ":" + connector.getLocalPort());
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("console did not stop cleanly", e);
        }
    }
}
