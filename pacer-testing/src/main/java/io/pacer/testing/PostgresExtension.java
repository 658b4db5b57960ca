package io.pacer.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link PostgresServer} parameters with the run's {@linkplain PostgresServer#shared shared} server: the
 * embedded (newest) flavour unless the parameter says {@code @PostgresExtension.Use(Flavour.DEBIAN_15)}. Tests
 * share the server, so each should work in a database of its own ({@link PostgresServer#newDatabase}); a test that
 * stops the server starts it again before it ends (and the next test to ask starts it if it did not).
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class StoreTest {
 *     @Test
 *     void onPostgres15(@PostgresExtension.Use(Flavour.DEBIAN_15) PostgresServer postgres) {
 *         String url = postgres.newDatabase();
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class PostgresExtension implements ParameterResolver {

    /** Which flavour a {@link PostgresServer} parameter gets. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Use {
        PostgresServer.Flavour value();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public PostgresServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PostgresServer.Flavour flavour =
                parameter.findAnnotation(Use.class).map(Use::value).orElse(PostgresServer.Flavour.EMBEDDED);
        return PostgresServer.shared(flavour);
    }
}
