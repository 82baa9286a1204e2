package io.gatehouse.devstack.internal;

/**
 * Points Log4j 2 (the SLF4J backend that {@code pulsar-broker} brings) at devstack's quiet configuration:
 * WARN and above for the infrastructure, INFO for {@code io.gatehouse}, everything on stderr. Call it first
 * thing in a {@code main}, before any logger exists; an explicit {@code -Dlog4j2.configurationFile} wins.
 */
public final class Log4jSetup {
    public static final String CONFIG_RESOURCE = "io/gatehouse/devstack/devstack-log4j2.xml";

    /** Jersey 2 (the broker's REST layer) logs through java.util.logging; strong reference keeps the level. */
    private static final java.util.logging.Logger JERSEY = java.util.logging.Logger.getLogger("org.glassfish.jersey");

    private Log4jSetup() {}

    public static void useDevstackConfig() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:" + CONFIG_RESOURCE);
        }
        // "JAXBContext implementation could not be found. WADL feature is disabled." once per servlet.
        JERSEY.setLevel(java.util.logging.Level.SEVERE);
    }
}
