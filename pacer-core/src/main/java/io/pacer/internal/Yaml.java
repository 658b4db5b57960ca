package io.pacer.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Internal, not API: may change in any release. The one reader of Pacer's YAML files (suites, alert rules,
 * {@code pacer.yaml}) that keeps where everything was written, so that every error names file, line, column and field
 * ({@link YamlException}). Jackson's tree model forgets locations, so this walks the token stream of a parser made by
 * Pacer's one Jackson setup ({@link Json#mapper}) into {@link Node}s. JSON is YAML, so JSON files read too.
 *
 * <p>jackson-dataformat-yaml is an optional dependency of pacer-core, as Jackson is: only code that reads YAML refers
 * to this class.
 */
public final class Yaml {

    private static final ObjectMapper YAML = Json.mapper(new YAMLFactory());

    private Yaml() {}

    /**
     * Where something was written.
     *
     * @param file the file as the user named it
     * @param line 1-based; 0 when unknown
     * @param column 1-based; 0 when unknown
     */
    public record Location(String file, int line, int column) {
        public Location {
            Objects.requireNonNull(file, "file");
        }

        /** {@code my-suite.yaml:12:5}, as compilers write it. */
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
        }
    }

    /**
     * A value of a document, where it was written and by which path.
     *
     * @param value a {@code Map<String, Node>} (keys in file order), a {@code List<Node>}, a String, a Number, a
     *     Boolean, or null for YAML's null (and for an empty document)
     * @param text a scalar as written ({@code 1_000}, {@code true}, {@code 5s}); null for a mapping, a list or null
     * @param at where the value starts
     * @param keyAt where its key was written, for a mapping's value; where the value starts otherwise — errors about a
     *     field point here
     * @param path the field's path, {@code rules[1].warning}; empty for the document
     */
    public record Node(Object value, String text, Location at, Location keyAt, String path) {

        public Node {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(keyAt, "keyAt");
            Objects.requireNonNull(path, "path");
        }

        public boolean isMapping() {
            return value instanceof Map;
        }

        public boolean isList() {
            return value instanceof List;
        }

        /** A string, number or boolean: not a mapping, a list or null. */
        public boolean isScalar() {
            return value != null && !isMapping() && !isList();
        }

        public boolean isNull() {
            return value == null;
        }

        /** What it is, for messages: {@code a mapping}, {@code a list}, {@code a value}, {@code nothing}. */
        public String kind() {
            return isMapping() ? "a mapping" : isList() ? "a list" : isNull() ? "nothing" : "a value";
        }

        /** A mapping's fields in file order. */
        @SuppressWarnings("unchecked")
        public Map<String, Node> fields() {
            if (!isMapping()) {
                throw mustBe("a mapping");
            }
            return (Map<String, Node>) value;
        }

        /** A mapping's fields, having checked that it has no other than {@code known} (listed in the error). */
        public Map<String, Node> fields(Collection<String> known) {
            if (!isMapping()) {
                throw mustBe("a mapping with fields " + String.join(", ", known));
            }
            for (Map.Entry<String, Node> f : fields().entrySet()) {
                if (!known.contains(f.getKey())) {
                    throw f.getValue().error("unknown field '" + f.getKey() + "'; known: " + String.join(", ", known));
                }
            }
            return fields();
        }

        /** A list's items. */
        @SuppressWarnings("unchecked")
        public List<Node> items() {
            if (!isList()) {
                throw mustBe("a list");
            }
            return (List<Node>) value;
        }

        /** A number written as a number (a quoted one is text). */
        public double number() {
            if (!(value instanceof Number n)) {
                throw mustBe("a number");
            }
            return n.doubleValue();
        }

        /** A scalar as written. */
        public String string() {
            if (!isScalar()) {
                throw mustBe("a text");
            }
            return text;
        }

        /** An error about this node, at its key (or where it starts), naming its path. */
        public YamlException error(String problem) {
            return new YamlException(keyAt.file(), keyAt.line(), keyAt.column(), path, problem);
        }

        /** An error in the shape of {@link Check}: {@code must be RULE, but was VALUE}. */
        public YamlException mustBe(String rule) {
            return error("must be " + rule + ", but was " + shown());
        }

        private String shown() {
            if (!isScalar()) {
                return kind();
            }
            return value instanceof String ? "'" + text + "'" : text;
        }
    }

    /** Reads the document in {@code text}; see {@link #read(Reader, String)}. */
    public static Node parse(String text, String file) {
        try {
            return read(new StringReader(text), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /**
     * Reads one document; an empty one is a null node at line 1, column 1.
     *
     * @param file how locations name the source
     * @throws YamlException for text that is not YAML, or a mapping that repeats a key
     * @throws IOException when {@code reader} fails
     */
    public static Node read(Reader reader, String file) throws IOException {
        try (JsonParser p = YAML.createParser(reader)) {
            if (p.nextToken() == null) {
                Location start = new Location(file, 1, 1);
                return new Node(null, null, start, start, "");
            }
            Location at = location(file, p);
            return node(p, file, "", at);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            YamlException bad = new YamlException(
                    file,
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    "",
                    "not valid YAML: " + explanation(e.getOriginalMessage()));
            bad.initCause(e);
            throw bad;
        }
    }

    /** The value at the parser; {@code keyAt} is where its key was written (or where it starts). */
    private static Node node(JsonParser p, String file, String path, Location keyAt) throws IOException {
        Location at = location(file, p);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Node> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    Location nameAt = location(file, p);
                    String child = path.isEmpty() ? name : path + "." + name;
                    Node first = fields.get(name);
                    if (first != null) {
                        throw new YamlException(
                                file,
                                nameAt.line(),
                                nameAt.column(),
                                child,
                                "appears twice (first at line " + first.keyAt().line() + "); keep one");
                    }
                    p.nextToken();
                    fields.put(name, node(p, file, child, nameAt));
                }
                return new Node(Collections.unmodifiableMap(fields), null, at, keyAt, path);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p, file, path + "[" + items.size() + "]", location(file, p)));
                }
                return new Node(Collections.unmodifiableList(items), null, at, keyAt, path);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Node(p.getNumberValue(), p.getText(), at, keyAt, path);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node(p.getBooleanValue(), p.getText(), at, keyAt, path);
            }
            case VALUE_NULL -> {
                return new Node(null, null, at, keyAt, path);
            }
            default -> {
                return new Node(p.getText(), p.getText(), at, keyAt, path);
            }
        }
    }

    private static Location location(String file, JsonParser p) {
        JsonLocation where = p.currentTokenLocation();
        return new Location(file, where.getLineNr(), where.getColumnNr());
    }

    /**
     * SnakeYAML's message without the source excerpt and positions it repeats: {@code while parsing a block mapping;
     * expected <block end>, but found '<block sequence start>'}.
     */
    private static String explanation(String message) {
        return String.join(
                "; ",
                message.lines()
                        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                        .toList());
    }
}
