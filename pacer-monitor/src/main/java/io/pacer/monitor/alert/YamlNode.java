package io.pacer.monitor.alert;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pacer.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML (or JSON) value that remembers where it was written, so that every error in a rule file names the file, the
 * line, the column and the field. Jackson's tree model forgets locations; this reads the token stream of a parser
 * made by Pacer's one Jackson setup ({@link Json#mapper}) instead.
 *
 * @param value a {@code Map<String, YamlNode>} (in file order), a {@code List<YamlNode>}, a String, a Number, a
 *     Boolean, or null
 * @param file the file as the user named it
 * @param path the field's path, {@code rules[1].warning}; empty for the document
 */
record YamlNode(Object value, String file, int line, int column, String path) {

    private static final ObjectMapper YAML = Json.mapper(new YAMLFactory());

    /** Reads a whole document; an empty one is an empty mapping. */
    static YamlNode parse(String text, String file) {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new YamlNode(Map.of(), file, 1, 1, "");
            }
            JsonLocation at = p.currentTokenLocation();
            return read(p, file, "", at.getLineNr(), at.getColumnNr());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            RuleFileException bad = new RuleFileException(
                    file,
                    at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(),
                    "",
                    "not valid YAML: " + explanation(e.getOriginalMessage()));
            bad.initCause(e);
            throw bad;
        } catch (IOException e) {
            throw new RuleFileException(file, 0, 0, "", "cannot read: " + e);
        }
    }

    /** Reads the value at the parser; {@code line} and {@code column} are its key's, where errors about it point. */
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

    private static YamlNode read(JsonParser p, String file, String path, int line, int column) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation keyAt = p.currentTokenLocation();
                    String child = path.isEmpty() ? name : path + "." + name;
                    if (fields.containsKey(name)) {
                        throw new RuleFileException(
                                file, keyAt.getLineNr(), keyAt.getColumnNr(), child, "appears twice; keep one");
                    }
                    p.nextToken();
                    fields.put(name, read(p, file, child, keyAt.getLineNr(), keyAt.getColumnNr()));
                }
                return new YamlNode(Collections.unmodifiableMap(fields), file, line, column, path);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonLocation itemAt = p.currentTokenLocation();
                    items.add(read(p, file, path + "[" + items.size() + "]", itemAt.getLineNr(), itemAt.getColumnNr()));
                }
                return new YamlNode(Collections.unmodifiableList(items), file, line, column, path);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YamlNode(p.getNumberValue(), file, line, column, path);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode(p.getBooleanValue(), file, line, column, path);
            }
            case VALUE_NULL -> {
                return new YamlNode(null, file, line, column, path);
            }
            default -> {
                return new YamlNode(p.getText(), file, line, column, path);
            }
        }
    }

    /** An error at this node. */
    RuleFileException error(String problem) {
        return new RuleFileException(file, line, column, path, problem);
    }

    /** An error in the shape of {@code io.pacer.internal.Check}: {@code must be RULE, but was VALUE}. */
    RuleFileException mustBe(String rule) {
        return error("must be " + rule + ", but was " + shown());
    }

    /** This mapping's fields, having checked that it has no other than {@code known}. */
    @SuppressWarnings("unchecked")
    Map<String, YamlNode> fields(Set<String> known) {
        if (!(value instanceof Map)) {
            throw mustBe("a mapping with fields " + String.join(", ", known));
        }
        Map<String, YamlNode> fields = (Map<String, YamlNode>) value;
        for (YamlNode f : fields.values()) {
            String name = f.path.substring(f.path.lastIndexOf('.') + 1);
            if (!known.contains(name)) {
                throw f.error("unknown field '" + name + "'; known: " + String.join(", ", known));
            }
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    List<YamlNode> items() {
        if (!(value instanceof List)) {
            throw mustBe("a list");
        }
        return (List<YamlNode>) value;
    }

    double number() {
        if (!(value instanceof Number n)) {
            throw mustBe("a number");
        }
        return n.doubleValue();
    }

    String text() {
        if (value instanceof Map || value instanceof List || value == null) {
            throw mustBe("a text");
        }
        return String.valueOf(value);
    }

    private String shown() {
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
