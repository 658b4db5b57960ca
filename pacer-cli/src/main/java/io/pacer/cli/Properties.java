package io.pacer.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Client properties from {@code -P key=value} flags and a {@code .properties} file; flags win. */
final class Properties {
    private Properties() {}

    /** The same properties with secrets (passwords, JAAS configs, keys) replaced, fit for a report. */
    static Map<String, String> redacted(Map<String, String> properties) {
        Map<String, String> copy = new LinkedHashMap<>();
        properties.forEach((k, v) ->
                copy.put(k, k.matches("(?i).*(password|secret|jaas|token|credential|\\.key$).*") ? "[redacted]" : v));
        return copy;
    }

    static Map<String, String> merge(Path file, List<String> pairs, String flag, String fileFlag) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            java.util.Properties loaded = new java.util.Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                loaded.load(reader);
            } catch (NoSuchFileException e) {
                throw new UsageException(fileFlag + " " + file + ": no such file");
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException(
                        fileFlag + " " + file + ": cannot read it as a .properties file (" + e.getMessage() + ")");
            }
            loaded.stringPropertyNames().stream()
                    .sorted()
                    .forEach(k -> merged.put(k, loaded.getProperty(k).trim()));
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(flag + " '" + pair + "' must be key=value, e.g. " + flag + " acks=all");
            }
            merged.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return merged;
    }
}
