package io.gatehouse.devstack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: resolves {@link EmbeddedPulsar} parameters with brokers shared by every test in this JVM: an open one,
 * and for parameters annotated {@link TokenAuth} one with token authentication and authorization on. Each is
 * started on first use, in-process when {@code pulsar-broker} is on the test classpath and forked otherwise
 * (override with {@code -Dgatehouse.devstack.pulsar.mode=forked|in-process}). Give each test class its own
 * tenant or namespace.
 */
public final class PulsarExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedPulsar.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(TokenAuth.class) ? sharedWithTokenAuth(context) : shared(context);
    }

    /** The shared open broker. */
    public static EmbeddedPulsar shared(ExtensionContext context) {
        return SharedInstances.get(context, "pulsar", EmbeddedPulsar.class, EmbeddedPulsar::start);
    }

    /** The shared broker with token authentication and authorization on. */
    public static EmbeddedPulsar sharedWithTokenAuth(ExtensionContext context) {
        return SharedInstances.get(
                context,
                "pulsar-token-auth",
                EmbeddedPulsar.class,
                () -> EmbeddedPulsar.builder().tokenAuth(true).start());
    }
}
