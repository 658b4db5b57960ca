package io.pacer.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.pacer.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Jackson JSON with Pacer's one setup ({@link Json}: values compact, Jackson's defaults, ISO-8601 instants); kept
 * apart from {@link ValueCodecs} so that Jackson is loaded only when JSON is chosen (it is an optional dependency).
 * Readers and writers are immutable and thread-safe.
 */
final class JsonCodec<V> implements ValueCodec<V> {

    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonCodec(Class<V> type) {
        this.reader = Json.valueReader(type);
        this.writer = Json.valueWriter(type);
    }

    static <V> JsonCodec<V> of(Class<V> type) {
        return new JsonCodec<>(type);
    }

    @Override
    public byte[] encode(V value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    @Override
    public V decode(byte[] bytes) {
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
