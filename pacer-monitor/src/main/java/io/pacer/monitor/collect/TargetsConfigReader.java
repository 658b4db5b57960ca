package io.pacer.monitor.collect;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pacer.internal.Check;
import io.pacer.tune.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the {@code targets:} section of {@code pacer.yaml} token by token, so that every error names the file, the
 * line and column and the field ({@code pacer.yaml:7:5: targets.redis[1] must be host:port..., but was 'x'}).
 */
final class TargetsConfigReader {
    private static final List<String> FIELDS =
            List.of("interval", "timeout", "host", "jvm", "postgres", "redis", "scrape", "health", "jmx", "kafka");

    private final Path file;
    private final JsonParser parser;
    private Duration interval = TargetsConfig.DEFAULT_INTERVAL;
    private Duration timeout = TargetsConfig.DEFAULT_TIMEOUT;
    private boolean host = true;
    private boolean jvm = true;
    private List<String> postgres = List.of();
    private List<HostPort> redis = List.of();
    private List<URI> scrape = List.of();
    private List<URI> health = List.of();
    private List<HostPort> jmx = List.of();
    private List<String> kafka = List.of();

    private TargetsConfigReader(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    static TargetsConfig read(Path file) {
        try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
            return new TargetsConfigReader(file, parser).document();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new IllegalArgumentException(where + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private TargetsConfig document() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return TargetsConfig.ofDefaults();
        }
        if (first != JsonToken.START_OBJECT) {
            throw error(parser.currentTokenLocation(), "the file", "a mapping of sections such as targets:", text());
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String section = parser.currentName();
            JsonToken value = parser.nextToken();
            if (section.equals("targets") && value == JsonToken.START_OBJECT) {
                targets();
            } else if (section.equals("targets") && value != JsonToken.VALUE_NULL) {
                throw error(parser.currentTokenLocation(), "targets", "a mapping of settings", text());
            } else {
                parser.skipChildren(); // another part of Pacer's section
            }
        }
        try {
            return new TargetsConfig(interval, timeout, host, jvm, postgres, redis, scrape, health, jmx, kafka);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": targets." + e.getMessage(), e);
        }
    }

    private void targets() throws IOException {
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonLocation at = parser.currentTokenLocation();
            String path = "targets." + field;
            if (!seen.add(field)) {
                throw new IllegalArgumentException(where(at) + ": " + path + " is set twice");
            }
            parser.nextToken();
            switch (field) {
                case "interval" -> interval = scalar(path, (s, t) -> duration(s, t, TargetsConfig.MIN_INTERVAL));
                case "timeout" -> timeout = scalar(path, (s, t) -> duration(s, t, Duration.ofMillis(10)));
                case "host" -> host = bool(path);
                case "jvm" -> jvm = bool(path);
                case "postgres" -> postgres = list(path, TargetsConfig::postgresUrl);
                case "redis" -> redis = list(path, HostPort::parse);
                case "scrape" -> scrape = list(path, TargetsConfig::httpUrl);
                case "health" -> health = list(path, TargetsConfig::httpUrl);
                case "jmx" -> jmx = list(path, HostPort::parse);
                case "kafka" -> kafka = list(path, TargetsConfig::kafkaBootstrap);
                default ->
                    throw new IllegalArgumentException(
                            where(at) + ": " + path + " is not a setting; the settings are " + FIELDS);
            }
        }
    }

    private static Duration duration(String path, String text, Duration min) {
        Duration d = Durations.parse(text);
        Check.duration(path, d, min, TargetsConfig.MAX_INTERVAL);
        return d;
    }

    private boolean bool(String path) throws IOException {
        JsonToken t = parser.currentToken();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw error(parser.currentTokenLocation(), path, "true or false", text());
        }
        return t == JsonToken.VALUE_TRUE;
    }

    /** One value or a list of them; every item checked where it stands. */
    private <T> List<T> list(String path, BiFunction<String, String, T> parse) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return List.of(scalar(path, parse));
        }
        List<T> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = parser.currentTokenLocation();
            String item = path + "[" + items.size() + "]";
            T value = scalar(item, parse);
            if (items.contains(value)) {
                throw new IllegalArgumentException(
                        where(at) + ": " + item + " repeats " + path + "[" + items.indexOf(value) + "]: " + value);
            }
            items.add(value);
        }
        return items;
    }

    private <T> T scalar(String path, BiFunction<String, String, T> parse) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        if (!parser.currentToken().isScalarValue()) {
            throw error(at, path, "a single value", parser.currentToken().asString());
        }
        try {
            return parse.apply(path, parser.getText());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(
                    where(at) + ": " + (message.startsWith(path) ? message : path + ": " + message), e);
        }
    }

    private String text() throws IOException {
        JsonToken t = parser.currentToken();
        return t == null ? "nothing" : t.isScalarValue() ? "'" + parser.getText() + "'" : "a " + describe(t);
    }

    private static String describe(JsonToken t) {
        return t == JsonToken.START_ARRAY ? "list" : t == JsonToken.START_OBJECT ? "mapping" : t.toString();
    }

    private IllegalArgumentException error(JsonLocation at, String path, String rule, String was) {
        return new IllegalArgumentException(where(at) + ": " + path + " must be " + rule + ", but was " + was);
    }

    private String where(JsonLocation at) {
        return file + ":" + at.getLineNr() + ":" + at.getColumnNr();
    }
}
