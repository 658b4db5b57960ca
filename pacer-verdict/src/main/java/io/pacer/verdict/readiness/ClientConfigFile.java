package io.pacer.verdict.readiness;

import java.util.List;
import java.util.Objects;

/**
 * A client properties file as read, with what the Kafka client would have warned about (keys it does not know, keys
 * set twice) — warnings, not errors, as the client itself only logs them.
 *
 * @param config the entries with their lines
 * @param kind the client the file is for
 * @param warnings one line each, starting with {@code file:line:}
 */
public record ClientConfigFile(ClientConfig config, ClientKind kind, List<String> warnings) {

    public ClientConfigFile {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(kind, "kind");
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads {@code file} as {@code kind}'s settings.
     *
     * @throws ClientConfigException when the file cannot be read, has a malformed escape, or holds values of the wrong
     *     type for the client (each named with its file and line)
     */
    public static ClientConfigFile read(java.nio.file.Path file, ClientKind kind) {
        return ClientConfigReader.read(file, kind);
    }
}
