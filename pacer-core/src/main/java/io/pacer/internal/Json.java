package io.pacer.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Internal, not API: may change in any release. The one place Pacer configures Jackson, for its documents (a load
 * run's {@code RunResult} file, later suite results) and for values (the tiered cache's {@code ValueCodecs.json}).
 *
 * <p>Jackson is an optional dependency of pacer-core: only code that reads or writes JSON refers to this class, so
 * an application that never uses JSON never loads Jackson.
 *
 * <p>One {@link ObjectMapper}, with instants written as ISO-8601 UTC strings ({@code 2026-01-31T12:00:00.123Z}, as
 * {@link Instant#toString()} gives them) and read back from them — plain Jackson refuses {@code java.time} types
 * without a module; two small classes here spare a dependency. Durations likewise, as ISO-8601 ({@code PT5M}).
 * Documents and values differ only where their readers need it, through immutable {@link ObjectReader}s and
 * {@link ObjectWriter}s of that mapper:
 *
 * <ul>
 *   <li>documents are indented for people to read, and their readers ignore fields they do not know, so a file
 *       written by a newer Pacer that added a field still reads ({@code docs/run-result.md});
 *   <li>values are compact and keep Jackson's defaults (an unknown property is an error), as
 *       {@code ValueCodecs.json} promises.
 * </ul>
 */
public final class Json {

    private static final ObjectMapper MAPPER = mapper(new JsonFactory());

    private static final ObjectReader DOCUMENT_READER =
            MAPPER.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final ObjectWriter DOCUMENT_WRITER =
            MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private Json() {}

    /**
     * A mapper with Pacer's configuration over another format's factory, e.g. {@code new YAMLFactory()} for rule and
     * config files: one setup, so instants and features read the same in every format. Each call makes a new mapper;
     * keep the one you make.
     */
    public static ObjectMapper mapper(JsonFactory factory) {
        return new ObjectMapper(factory)
                .registerModule(new SimpleModule("pacer-instants")
                        .addSerializer(Instant.class, new InstantSerializer())
                        .addDeserializer(Instant.class, new InstantDeserializer())
                        .addSerializer(Duration.class, new DurationSerializer())
                        .addDeserializer(Duration.class, new DurationDeserializer()))
                .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    /** Reads documents: unknown fields are ignored. Bind with {@code forType} or {@code treeToValue}. */
    public static ObjectReader documentReader() {
        return DOCUMENT_READER;
    }

    /** Writes documents: indented; a stream it writes to is left open. */
    public static ObjectWriter documentWriter() {
        return DOCUMENT_WRITER;
    }

    /** Reads values of {@code type} with Jackson's defaults. */
    public static ObjectReader valueReader(Class<?> type) {
        return MAPPER.readerFor(type);
    }

    /** Writes values of {@code type} compactly. */
    public static ObjectWriter valueWriter(Class<?> type) {
        return MAPPER.writerFor(type);
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Instant.parse(p.getValueAsString());
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(
                        Instant.class, p.getValueAsString(), "not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
            }
        }
    }

    private static final class DurationSerializer extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return Duration.parse(p.getValueAsString());
            } catch (DateTimeParseException e) {
                return (Duration) ctxt.handleWeirdStringValue(
                        Duration.class, p.getValueAsString(), "not an ISO-8601 duration such as PT5M");
            }
        }
    }
}
