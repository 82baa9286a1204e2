package io.gatehouse.devstack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: resolves {@link EmbeddedPostgres} parameters with one server shared by every test in this JVM.
 * Give each test class its own database ({@link EmbeddedPostgres#createDatabase(String)}).
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class RepositoryIT {
 *     @Test void roundTrip(EmbeddedPostgres postgres) { ... }
 * }
 * }</pre>
 */
public final class PostgresExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The shared server (for {@code @BeforeAll} code that is not given parameters). */
    public static EmbeddedPostgres shared(ExtensionContext context) {
        return SharedInstances.get(context, "postgres", EmbeddedPostgres.class, EmbeddedPostgres::start);
    }
}
