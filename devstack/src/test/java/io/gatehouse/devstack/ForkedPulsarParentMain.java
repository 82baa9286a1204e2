package io.gatehouse.devstack;

/**
 * A stand-in for a module's test JVM in {@link PulsarLifecycleIT}: starts a forked broker, reports the child's
 * pid and work directory, then waits to be killed.
 */
public final class ForkedPulsarParentMain {
    private ForkedPulsarParentMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPulsar pulsar = EmbeddedPulsar.forked();
        System.out.println("CHILD " + pulsar.process().orElseThrow().pid() + " " + pulsar.workDir());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
