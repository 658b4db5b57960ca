package io.pacer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks that a command's output options name different files: two naming one file would leave only the last one
 * written, with exit 0 (the suite result replaced by the JUnit XML).
 */
final class OutputFiles {

    private OutputFiles() {}

    /**
     * @param flagsAndPaths pairs of an option's name and its path (null when not given; {@code -} for standard output is
     *     not a file)
     * @throws UsageException naming the two options that name one file
     */
    static void distinct(Object... flagsAndPaths) {
        Map<Path, String> seen = new LinkedHashMap<>();
        for (int i = 0; i < flagsAndPaths.length; i += 2) {
            String flag = (String) flagsAndPaths[i];
            Path path = (Path) flagsAndPaths[i + 1];
            if (path == null || path.toString().equals("-")) {
                continue;
            }
            String other = seen.putIfAbsent(path.toAbsolutePath().normalize(), flag);
            if (other != null) {
                throw new UsageException(
                        other + " and " + flag + " name the same file " + path + "; give each its own file");
            }
        }
    }

    /**
     * Refuses {@code -} for an option that only writes a file, which would otherwise create a file named {@code -}.
     *
     * @throws UsageException naming the option
     */
    static void fileOnly(String flag, Path path) {
        if (path != null && path.toString().equals("-")) {
            throw new UsageException(flag + " writes a file, not standard output: give a file name instead of '-'");
        }
    }
}
