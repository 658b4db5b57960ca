package io.pacer.testing;

import io.pacer.embedded.EmbeddedKafka;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link EmbeddedKafka} parameters with one broker for the whole test run: started on first use, kept in
 * the root context's store and closed by JUnit when the run ends (stored values that are {@link AutoCloseable} are
 * closed with their store). Tests share it, so each should create topics under names of its own.
 */
public final class KafkaExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class;
    }

    @Override
    public EmbeddedKafka resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(EmbeddedKafka.class, key -> EmbeddedKafka.start(), EmbeddedKafka.class);
    }
}
