package io.gatehouse.devstack.internal;

/** Whether the Pulsar broker (an optional dependency of devstack) is on this JVM's classpath. */
public final class BrokerClasspath {
    private static final String BROKER_CLASS = "org.apache.pulsar.broker.PulsarService";

    private BrokerClasspath() {}

    public static boolean isPresent() {
        try {
            Class.forName(BROKER_CLASS, false, BrokerClasspath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
