package io.pacer.monitor.kafka;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.pacer.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads lag histories and writes evaluations in the JSON of {@code docs/lag-history.md}, through the project's one
 * Jackson setup ({@link Json}). Reading validates everything the rules rely on and fails with a
 * {@link LagHistoryException} that names the file, the field and the rule; fields Pacer does not know are ignored,
 * so an export from another tool with extra fields reads as it is.
 */
public final class LagHistories {
    private LagHistories() {}

    /** Reads and validates {@code file}. */
    public static LagHistory read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new LagHistoryException(file + ": no such file", e);
        } catch (IOException e) {
            throw new LagHistoryException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads and validates a history from {@code in}; {@code source} names it in messages. */
    public static LagHistory read(InputStream in, String source) throws IOException {
        try {
            LagHistory history = Json.documentReader().forType(LagHistory.class).readValue(in);
            if (history == null) {
                throw new LagHistoryException(source + ": the file holds null, not a lag history object", null);
            }
            return history;
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonParseException p) {
                throw notJson(source, p);
            }
            throw new LagHistoryException(source + ": " + describe(e) + at(e.getLocation()), e);
        } catch (JsonParseException e) {
            throw notJson(source, e);
        }
    }

    private static LagHistoryException notJson(String source, JsonProcessingException e) {
        String message = firstLine(e.getOriginalMessage());
        int marker = message.indexOf(" (start marker");
        message = marker < 0 ? message : message.substring(0, marker);
        return new LagHistoryException(source + ": not valid JSON: " + message + at(e.getLocation()), e);
    }

    /** Writes {@code result} as an indented JSON document; {@code out} is left open. */
    public static void write(LagResult result, OutputStream out) {
        write((Object) result, out);
    }

    /** Writes {@code history} (what a live collection saw) for a later {@code pacer lag evaluate}. */
    public static void write(LagHistory history, OutputStream out) {
        write((Object) history, out);
    }

    /** {@code value} (results, histories, or lists of them) as an indented JSON document ending in a newline. */
    public static String toJson(Object value) {
        try {
            return Json.documentWriter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static void write(Object value, OutputStream out) {
        try {
            out.write(toJson(value).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(JsonMappingException e) {
        String path = path(e.getPath());
        Throwable cause = e.getCause();
        while (cause instanceof JsonMappingException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException) {
            // Our records' rules: "<field> must be <rule>, but was <value>" inside the object at path.
            return (path.isEmpty() ? "" : path + ": ") + cause.getMessage();
        }
        if (e instanceof MismatchedInputException m) {
            if (m.getMessage() != null && m.getMessage().startsWith("No content to map")) {
                return "the file is empty: it must hold one lag history object (docs/lag-history.md)";
            }
            if (path.matches(".*logEndOffsets\\[\\d+]")) {
                return path + " must be " + kind(LagHistory.LogEndOffset.class);
            }
            if (m.getTargetType() != null) {
                return (path.isEmpty() ? "the document" : path) + " must be " + kind(m.getTargetType());
            }
        }
        return (path.isEmpty() ? "" : path + ": ") + firstLine(e.getOriginalMessage());
    }

    private static String kind(Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == LagHistory.LogEndOffset.class) {
            return "a number or an object {\"offset\": N, \"timestamp\": EPOCH_MS}";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
