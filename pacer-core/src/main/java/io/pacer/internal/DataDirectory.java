package io.pacer.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Internal, not API. Where Pacer keeps what outlives a command — saved baselines, the monitoring store — so that every
 * command and the service agree on one directory: {@code --data-dir} when given, else the environment variable
 * {@value #ENVIRONMENT_VARIABLE}, else {@code ~/.pacer}. Resolving does not create the directory; whoever writes into
 * it does.
 */
public final class DataDirectory {

    /** The environment variable that moves the data directory when no {@code --data-dir} is given. */
    public static final String ENVIRONMENT_VARIABLE = "PACER_HOME";

    /** The data directory's name under the user's home directory when neither is given. */
    public static final String DEFAULT_NAME = ".pacer";

    private DataDirectory() {}

    /** The data directory of this process: {@code explicit} (nullable), else {@code PACER_HOME}, else ~/.pacer. */
    public static Path resolve(Path explicit) {
        return resolve(explicit, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The data directory from {@code explicit} (nullable), else {@code environment}'s {@value #ENVIRONMENT_VARIABLE}
     * when set and not blank, else {@code home}/{@value #DEFAULT_NAME}; always absolute and normalised.
     *
     * @throws IllegalArgumentException if {@value #ENVIRONMENT_VARIABLE} is not a path
     */
    public static Path resolve(Path explicit, Map<String, String> environment, Path home) {
        if (explicit != null) {
            return notAFile(explicit.toAbsolutePath().normalize(), "--data-dir");
        }
        String variable = environment.get(ENVIRONMENT_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            try {
                return notAFile(Path.of(variable.trim()).toAbsolutePath().normalize(), ENVIRONMENT_VARIABLE);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(
                        ENVIRONMENT_VARIABLE + " must be a directory path, but was '" + variable + "'", e);
            }
        }
        return notAFile(home.resolve(DEFAULT_NAME).toAbsolutePath().normalize(), "the default data directory");
    }

    /** {@code dir}, unless it exists and is not a directory: then an error naming {@code source}. */
    private static Path notAFile(Path dir, String source) {
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException(source + " must be a directory, but " + dir
                    + " is a file; name a directory (it is created if" + " absent)");
        }
        return dir;
    }
}
