package io.gatehouse.devstack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: resolves {@link EmbeddedRedis} parameters with one server shared by every test in this JVM. A test
 * that stops the server must {@link EmbeddedRedis#restart() restart} it before it ends; a test that needs an
 * empty Redis uses its own key prefix (or {@code FLUSHALL}).
 */
public final class RedisExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedRedis.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    public static EmbeddedRedis shared(ExtensionContext context) {
        return SharedInstances.get(context, "redis", EmbeddedRedis.class, EmbeddedRedis::start);
    }
}
