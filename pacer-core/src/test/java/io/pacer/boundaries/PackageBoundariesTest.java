package io.pacer.boundaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two promises pacer-core's layout makes: kafka-clients is optional (only {@code io.pacer.kafka} and the Kafka
 * sink use it; {@code Sinks} names its types in signatures it passes through, and {@code SinksTest} shows loading
 * it needs no Kafka), and {@code io.pacer.internal} is not API (no public signature names its types).
 */
class PackageBoundariesTest {

    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void onlyTheKafkaPackageAndTheKafkaSinkUseKafkaClients() throws IOException {
        List<String> users = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(file).contains("import org.apache.kafka.")) {
                    users.add(SOURCES.relativize(file).toString().replace('\\', '/'));
                }
            }
        }
        assertThat(users)
                .isNotEmpty()
                .allMatch(
                        f -> f.startsWith("io/pacer/kafka/")
                                || f.equals("io/pacer/sink/KafkaSink.java")
                                || f.equals("io/pacer/sink/Sinks.java"),
                        "in io.pacer.kafka, KafkaSink or Sinks");
    }

    @Test
    void noPublicSignatureNamesAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = SOURCES.relativize(file).toString().replace('\\', '/');
                if (name.startsWith("io/pacer/internal/") || name.endsWith("package-info.java")) {
                    continue;
                }
                Class<?> type = Class.forName(name.replace('/', '.').replace(".java", ""), false, loader());
                if (Modifier.isPublic(type.getModifiers())) {
                    leaks.addAll(internalTypesIn(type));
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static List<String> internalTypesIn(Class<?> type) {
        List<String> leaks = new ArrayList<>();
        List<Type> exposed = new ArrayList<>();
        exposed.add(type.getGenericSuperclass());
        exposed.addAll(List.of(type.getGenericInterfaces()));
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers())) {
                exposed.add(m.getGenericReturnType());
                addParameters(m, exposed);
            }
        }
        for (Executable c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers())) {
                addParameters(c, exposed);
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers())) {
                exposed.add(f.getGenericType());
            }
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                exposed.add(c.getGenericType());
            }
        }
        for (Type t : exposed) {
            if (t != null && t.getTypeName().contains("io.pacer.internal.")) {
                leaks.add(type.getName() + ": " + t.getTypeName());
            }
        }
        return leaks;
    }

    private static void addParameters(Executable e, List<Type> exposed) {
        exposed.addAll(List.of(e.getGenericParameterTypes()));
        exposed.addAll(List.of(e.getGenericExceptionTypes()));
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static ClassLoader loader() {
        return PackageBoundariesTest.class.getClassLoader();
    }
}
