package io.pacer.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.batch.Batcher;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What {@link Sinks} promises beyond each sink's contract. */
class SinksTest {

    /**
     * Kafka and Lettuce are optional dependencies: an application without them must still be able to load
     * {@code Sinks} and run a batcher with a sink of its own. Loads pacer-core's classes with neither library
     * visible.
     */
    @Test
    void theBatcherNeedsNeitherKafkaNorLettuce() throws Exception {
        URL coreClasses = Sinks.class.getProtectionDomain().getCodeSource().getLocation();
        URL testClasses = OwnSinkApp.class.getProtectionDomain().getCodeSource().getLocation();
        URL[] path = Stream.concat(
                        Stream.of(coreClasses, testClasses),
                        libraries("HdrHistogram", "resilience4j", "slf4j-api", "vavr", "caffeine"))
                .toArray(URL[]::new);
        try (URLClassLoader alone = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> alone.loadClass("org.apache.kafka.clients.producer.Producer"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> alone.loadClass("io.lettuce.core.RedisClient"))
                    .isInstanceOf(ClassNotFoundException.class);

            Callable<?> app = (Callable<?>) alone.loadClass(OwnSinkApp.class.getName())
                    .getDeclaredConstructor()
                    .newInstance();

            assertThat(app.call()).isEqualTo(3L);
        }
    }

    /** The jars on this test's class path whose file names contain one of {@code names}. */
    private static Stream<URL> libraries(String... names) {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> Stream.of(names).anyMatch(entry::contains))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    /** An application that loads {@code Sinks} and batches into a sink of its own, the ordinary way. */
    public static final class OwnSinkApp implements Callable<Object> {
        @Override
        public Object call() throws Exception {
            Class<?> loaded = Sinks.class; // loading the factory must not need Kafka or Lettuce
            BatchSink<String> own = batch -> CompletableFuture.completedFuture(BatchResult.ok());
            try (Batcher<String> batcher =
                    Batcher.<String>builder().name(loaded.getSimpleName()).build(own)) {
                batcher.offer("a");
                batcher.offer("b");
                batcher.offer("c");
                batcher.flush(Duration.ofSeconds(10));
                return batcher.snapshot().delivered();
            }
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
