package io.gatehouse.devstack.internal;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Points Log4j 2 (the SLF4J backend that {@code pulsar-broker} brings) at devstack's quiet configuration:
 * WARN and above for the infrastructure, INFO for {@code io.gatehouse}, everything on stderr. Call it first
 * thing in a {@code main}, before any logger exists; an explicit {@code -Dlog4j2.configurationFile} wins.
 */
public final class Log4jSetup {
    public static final String CONFIG_RESOURCE = "io/gatehouse/devstack/devstack-log4j2.xml";

    /**
     * Jersey 2 (the broker's REST layer) and OpenTelemetry log through java.util.logging: "JAXBContext
     * implementation could not be found. WADL feature is disabled." per servlet, an INFO about autoconfigure.
     * Strong references keep the levels (JUL holds loggers weakly).
     */
    private static final List<Logger> JUL_QUIETED =
            List.of(Logger.getLogger("org.glassfish.jersey"), Logger.getLogger("io.opentelemetry"));

    private Log4jSetup() {}

    public static void useDevstackConfig() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:" + CONFIG_RESOURCE);
        }
        quietJavaUtilLogging();
    }

    /** Only SEVERE from the broker's java.util.logging users. */
    public static void quietJavaUtilLogging() {
        JUL_QUIETED.forEach(logger -> logger.setLevel(Level.SEVERE));
    }
}
