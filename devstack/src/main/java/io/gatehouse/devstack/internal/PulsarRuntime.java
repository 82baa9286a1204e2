package io.gatehouse.devstack.internal;

import java.nio.file.Path;
import java.util.Optional;

/** A running broker + bookie, either in this JVM or in a child JVM. */
public sealed interface PulsarRuntime extends AutoCloseable permits InProcessPulsar, ForkedPulsar {
    String brokerServiceUrl();

    String webServiceUrl();

    /** The child process of a forked broker; empty in-process. */
    Optional<ProcessHandle> process();

    /** The private directory holding the bookie's data; deleted on close (by the owner, when persistent). */
    Path workDir();

    @Override
    void close();
}
