package io.pacer.verdict.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as plain nodes that remember where they were written. Jackson's tree model forgets locations, and a
 * suite's errors must name file, line and column, so the suite reader walks Jackson's YAML token stream itself.
 */
final class YamlTree {

    /** The factory only tokenizes; binding to types happens in {@link SuiteFile}, with locations at hand. */
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private YamlTree() {}

    /** A node of the document and where it starts. */
    sealed interface Node {
        Location at();

        /** What the node is, for messages: a text, a list, a mapping. */
        String kind();
    }

    /** A scalar as written (numbers and booleans keep their text); null text for YAML's null. */
    record Scalar(String text, Location at) implements Node {
        @Override
        public String kind() {
            return text == null ? "nothing" : "a value";
        }
    }

    record Sequence(List<Node> items, Location at) implements Node {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** Keys in document order, each with where the key itself was written. */
    record Mapping(Map<String, Entry> entries, Location at) implements Node {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Entry(Location keyAt, Node value) {}

    /**
     * Reads one document.
     *
     * @throws SuiteException naming file, line and column for YAML that does not parse or repeats a key
     */
    static Node read(String file, Reader reader) throws IOException {
        try (JsonParser parser = YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SuiteException(new Location(file, 1, 1), "the file is empty: a suite needs 'scenarios'");
            }
            return node(file, parser);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            Location at = where == null
                    ? new Location(file, 1, 1)
                    : new Location(file, where.getLineNr(), where.getColumnNr());
            throw new SuiteException(
                    at,
                    "not valid YAML: "
                            + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static Node node(String file, JsonParser parser) throws IOException {
        Location at = location(file, parser);
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                Location keyAt = location(file, parser);
                parser.nextToken();
                Node value = node(file, parser);
                if (entries.putIfAbsent(key, new Entry(keyAt, value)) != null) {
                    throw new SuiteException(
                            keyAt,
                            "'" + key + "' appears twice (first at line "
                                    + entries.get(key).keyAt().line() + ")");
                }
            }
            return new Mapping(entries, at);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(file, parser));
            }
            return new Sequence(items, at);
        }
        return new Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), at);
    }

    private static Location location(String file, JsonParser parser) {
        JsonLocation where = parser.currentTokenLocation();
        return new Location(file, where.getLineNr(), where.getColumnNr());
    }
}
