package io.pacer.verdict.readiness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads a client's {@code .properties} file as Kafka's tools do ({@code Utils.loadProps}: ISO-8859-1,
 * {@link java.util.Properties} syntax), keeping each entry's line, and checks every known key's value with the
 * client's own {@link ConfigDef} type parser and validator, so a value is wrong here exactly when the client would
 * refuse it. Keys the client does not know get the client's own warning.
 */
final class ClientConfigReader {

    private ClientConfigReader() {}

    static ClientConfigFile read(Path file, ClientKind kind) {
        String text = text(file, kind);
        String name = file.toString();
        List<PropertiesLines.Line> lines;
        try {
            lines = PropertiesLines.parse(text);
        } catch (PropertiesLines.MalformedException e) {
            throw new ClientConfigException(List.of(file + ":" + e.line + ": " + e.getMessage()));
        }
        ConfigDef def = kind.configDef();
        Map<String, ConfigDef.ConfigKey> keys = def.configKeys();
        Set<String> names = def.names();
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        Map<String, ClientConfig.Entry> entries = new LinkedHashMap<>();
        for (PropertiesLines.Line line : lines) {
            String at = name + ":" + line.line() + ": ";
            Integer earlier = firstLine.putIfAbsent(line.key(), line.line());
            if (earlier != null) {
                warnings.add(at + "'" + line.key() + "' is also set on line " + earlier
                        + "; this later line wins, as java.util.Properties reads it");
            }
            entries.remove(line.key());
            entries.put(
                    line.key(), new ClientConfig.Entry(line.key(), line.value().trim(), line.line()));
            ConfigDef.ConfigKey key = keys.get(line.key());
            if (key == null) {
                if (!kind.knows(line.key(), names)) {
                    warnings.add(at + "The configuration '" + line.key() + "' was supplied but isn't a known config."
                            + suggestion(line.key(), names));
                }
                continue;
            }
            if (key.type == ConfigDef.Type.CLASS) {
                continue; // the application's own classes (serializers, partitioners) are not on Pacer's class path
            }
            try {
                Object parsed = ConfigDef.parseType(key.name, line.value(), key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(key.name, parsed);
                }
            } catch (ConfigException e) {
                problems.add(name + ":" + line.line() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ClientConfigException(problems);
        }
        return new ClientConfigFile(new ClientConfig(file, entries), kind, warnings);
    }

    private static String text(Path file, ClientKind kind) {
        if (Files.isDirectory(file)) {
            throw new ClientConfigException(
                    List.of(file + ": is a directory, not a " + kind.label() + " .properties file"));
        }
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new ClientConfigException(List.of(file + ": no such file"));
        } catch (AccessDeniedException e) {
            throw new ClientConfigException(List.of(file + ": cannot read it: permission denied"));
        } catch (IOException e) {
            throw new ClientConfigException(List.of(file + ": cannot read it: " + e.getMessage()));
        }
    }

    /** " Did you mean 'linger.ms'?" when a known name is one or two edits away, else "". */
    static String suggestion(String key, Set<String> names) {
        String best = null;
        int bestDistance = 3;
        for (String name : names) {
            int d = distance(key, name);
            if (d < bestDistance || (d == bestDistance && best != null && name.compareTo(best) < 0)) {
                best = name;
                bestDistance = d;
            }
        }
        return best == null ? "" : " Did you mean '" + best + "'?";
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
