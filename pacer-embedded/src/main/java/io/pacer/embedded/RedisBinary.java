package io.pacer.embedded;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds {@code redis-server} executables, best first: the one on {@code PATH} (the distribution's, kept up to
 * date), then the build for this OS and CPU shipped inside {@code com.github.codemonstur:embedded-redis}, copied
 * once per JVM to a temporary file and marked executable.
 */
final class RedisBinary {

    static final String HOW_TO_GET_ONE = "install redis-server (apt-get install -y redis-server) "
            + "or make com.github.codemonstur:embedded-redis available";

    private static Path extracted;

    private RedisBinary() {}

    /** Every usable candidate, best first; empty when there is none. */
    static List<Path> candidates() {
        List<Path> found = new ArrayList<>();
        onPath().ifPresent(found::add);
        fromJar().ifPresent(found::add);
        return found;
    }

    static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static synchronized Optional<Path> fromJar() {
        if (extracted != null && Files.isExecutable(extracted)) {
            return Optional.of(extracted);
        }
        Optional<String> resource = jarResourceName();
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = RedisBinary.class.getResourceAsStream("/" + resource.get())) {
            if (in == null) {
                return Optional.empty();
            }
            Path dir = Files.createTempDirectory("pacer-redis-bin-");
            Path binary = dir.resolve("redis-server");
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            if (!binary.toFile().setExecutable(true, true)) {
                throw new IOException("could not mark " + binary + " executable");
            }
            binary.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            extracted = binary;
            return Optional.of(binary);
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract redis-server from the embedded-redis jar", e);
        }
    }

    /** The name of the binary for this OS and CPU inside embedded-redis 1.4.x. */
    private static Optional<String> jarResourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux")) {
            if (x64) {
                return Optional.of("redis-server-6.2.6-v5-linux-amd64");
            }
            if (arm64) {
                return Optional.of("redis-server-6.2.7-linux-arm64");
            }
        } else if (os.contains("mac")) {
            if (x64) {
                return Optional.of("redis-server-6.2.6-v5-darwin-amd64");
            }
            if (arm64) {
                return Optional.of("redis-server-6.2.6-v5-darwin-arm64");
            }
        }
        return Optional.empty();
    }
}
