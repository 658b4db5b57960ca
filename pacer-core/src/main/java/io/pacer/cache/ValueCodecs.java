package io.pacer.cache;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The value codecs Pacer ships. */
public final class ValueCodecs {
    private ValueCodecs() {}

    /**
     * JSON through Jackson (the cache's default): any type Jackson can bind, with a shared {@code ObjectMapper} on
     * Jackson's defaults (compact; an unknown property is an error) that also writes {@link java.time.Instant}s as
     * ISO-8601 strings, as every JSON Pacer writes does. Needs {@code com.fasterxml.jackson.core:jackson-databind} on
     * the class path.
     *
     * @throws IllegalStateException when Jackson is not on the class path, saying what to add
     */
    public static <V> ValueCodec<V> json(Class<V> type) {
        Objects.requireNonNull(type, "type");
        try {
            return JsonCodec.of(type);
        } catch (NoClassDefFoundError missing) {
            throw new IllegalStateException(
                    "ValueCodecs.json needs com.fasterxml.jackson.core:jackson-databind on the "
                            + "class path: add it, or choose ValueCodecs.bytes(), ValueCodecs.utf8() or your own ValueCodec",
                    missing);
        }
    }

    /** Raw bytes, stored as they are (the array is neither copied nor changed). */
    public static ValueCodec<byte[]> bytes() {
        return Bytes.INSTANCE;
    }

    /** Text as UTF-8. */
    public static ValueCodec<String> utf8() {
        return Utf8.INSTANCE;
    }

    private enum Bytes implements ValueCodec<byte[]> {
        INSTANCE;

        @Override
        public byte[] encode(byte[] value) {
            return value;
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes;
        }
    }

    private enum Utf8 implements ValueCodec<String> {
        INSTANCE;

        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
