package io.pacer.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class ValueCodecsTest {

    record Order(String id, List<Integer> lines, double total) {}

    @Test
    void jsonRoundTripsARecordAsPlainJson() {
        ValueCodec<Order> codec = ValueCodecs.json(Order.class);
        Order order = new Order("o-1", List.of(3, 4), 12.5);

        byte[] bytes = codec.encode(order);

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"o-1\",\"lines\":[3,4],\"total\":12.5}");
        assertThat(codec.decode(bytes)).isEqualTo(order);
        assertThatThrownBy(() -> codec.decode("[1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void utf8AndBytes() {
        assertThat(ValueCodecs.utf8().encode("größe")).isEqualTo("größe".getBytes(StandardCharsets.UTF_8));
        assertThat(ValueCodecs.utf8().decode("größe".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("größe");
        byte[] raw = {0, -1, 7};
        assertThat(ValueCodecs.bytes().encode(raw)).isSameAs(raw);
        assertThat(ValueCodecs.bytes().decode(raw)).isSameAs(raw);
    }

    /**
     * Jackson is an optional dependency: without it, the other codecs work and {@code json} says what to add. Loads
     * pacer-core's classes with no Jackson visible.
     */
    @Test
    void withoutJacksonOnlyJsonIsMissingAndItSaysWhatToAdd() throws Exception {
        URL coreClasses =
                ValueCodecs.class.getProtectionDomain().getCodeSource().getLocation();
        URL testClasses =
                NoJacksonApp.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader alone =
                new URLClassLoader(new URL[] {coreClasses, testClasses}, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> alone.loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
                    .isInstanceOf(ClassNotFoundException.class);
            Callable<?> app = (Callable<?>) alone.loadClass(NoJacksonApp.class.getName())
                    .getDeclaredConstructor()
                    .newInstance();
            assertThat(app.call())
                    .isEqualTo("größe; ValueCodecs.json needs com.fasterxml.jackson.core:jackson-databind on the class"
                            + " path: add it, or choose ValueCodecs.bytes(), ValueCodecs.utf8() or your own"
                            + " ValueCodec");
        }
    }

    /** Uses the codecs the ordinary way; returns what utf8 decoded and what json said. */
    public static final class NoJacksonApp implements Callable<Object> {
        @Override
        public Object call() {
            String decoded = ValueCodecs.utf8().decode(ValueCodecs.utf8().encode("größe"));
            try {
                ValueCodecs.json(Order.class);
                return decoded + "; json worked without Jackson";
            } catch (IllegalStateException e) {
                return decoded + "; " + e.getMessage();
            }
        }
    }
}
