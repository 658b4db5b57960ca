package io.pacer.testing;

import io.pacer.embedded.EmbeddedRedis;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link EmbeddedRedis} parameters with one server per test class: tests may stop and restart it, so it
 * is not shared further. It lives in the class's store and is closed by JUnit after the class.
 */
public final class RedisExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedRedis.class;
    }

    @Override
    public EmbeddedRedis resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return classContext(context)
                .getStore(NAMESPACE)
                .computeIfAbsent(EmbeddedRedis.class, key -> EmbeddedRedis.start(), EmbeddedRedis.class);
    }

    /** The test class's context, so {@code @BeforeAll} and every test of the class get the same server. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
