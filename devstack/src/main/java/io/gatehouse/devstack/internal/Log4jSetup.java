package io.gatehouse.devstack.internal;

/**
 * Points Log4j 2 (the SLF4J backend that {@code pulsar-broker} brings) at devstack's quiet configuration:
 * WARN and above for the infrastructure, INFO for {@code io.gatehouse}, everything on stderr. Call it first
 * thing in a {@code main}, before any logger exists; an explicit {@code -Dlog4j2.configurationFile} wins.
 */
public final class Log4jSetup {
    public static final String CONFIG_RESOURCE = "io/gatehouse/devstack/devstack-log4j2.xml";

    private Log4jSetup() {}

    public static void useDevstackConfig() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:" + CONFIG_RESOURCE);
        }
        // Jersey, Jetty and others log through java.util.logging; send it to Log4j too when the bridge exists.
        if (System.getProperty("java.util.logging.manager") == null
                && isPresent("org.apache.logging.log4j.jul.LogManager")) {
            System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, Log4jSetup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
