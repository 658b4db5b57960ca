package io.pacer.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What {@link Sinks} promises beyond each sink's contract. */
class SinksTest {

    /**
     * Kafka and Lettuce are optional dependencies: an application without them must still be able to use the
     * in-memory sink. Loads {@code Sinks} from pacer-core's classes alone, with neither library visible.
     */
    @Test
    void theInMemorySinkNeedsNeitherKafkaNorLettuce() throws Exception {
        URL coreClasses = Sinks.class.getProtectionDomain().getCodeSource().getLocation();
        URL testClasses =
                InMemoryOnlyApp.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader alone =
                new URLClassLoader(new URL[] {coreClasses, testClasses}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> alone.loadClass("org.apache.kafka.clients.producer.Producer"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> alone.loadClass("io.lettuce.core.RedisClient"))
                    .isInstanceOf(ClassNotFoundException.class);

            Callable<?> app = (Callable<?>) alone.loadClass(InMemoryOnlyApp.class.getName())
                    .getDeclaredConstructor()
                    .newInstance();

            assertThat(app.call()).hasToString("BatchResult[failures=[]]");
        }
    }

    /** An application that calls {@code Sinks.inMemory()} the ordinary way (reflection would resolve more). */
    public static final class InMemoryOnlyApp implements Callable<Object> {
        @Override
        public Object call() throws Exception {
            BatchSink<String> sink = Sinks.inMemory();
            return sink.deliver(List.of("event")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void settingsNameTheBadValue() {
        assertThatThrownBy(() -> RedisStreamSettings.of(""))
                .hasMessage("streamKey must be a non-empty Redis key, but was ''");
        assertThatThrownBy(() -> RedisStreamSettings.of("s").withMaxLength(-1))
                .hasMessage("maxLength must be in [0, 9223372036854775807], but was -1");
        assertThatThrownBy(() -> RedisStreamSettings.of("s").withTimeout(Duration.ZERO))
                .hasMessageStartingWith("timeout must be in [PT0.001S, PT1H], but was PT0S");
        assertThatThrownBy(() -> Sinks.kafka(Map.of(), " ", (String e) -> null, (String e) -> e))
                .hasMessage("topic must be a non-blank Kafka topic name, but was ' '");
    }
}
