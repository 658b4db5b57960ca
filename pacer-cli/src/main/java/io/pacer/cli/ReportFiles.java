package io.pacer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writing a report file for {@code pacer report}, {@code pacer full} and {@code pacer compare}, and saying so. */
final class ReportFiles {

    private ReportFiles() {}

    /** Makes a report's content and writes it to a file. */
    interface Writing {
        void write() throws IOException;
    }

    /**
     * Runs {@code writing}, then prints {@code wrote FILE (SIZE)} on {@code out}; a file that cannot be written is a
     * usage error naming it.
     */
    static void write(Path target, Writing writing, PrintWriter out) {
        try {
            writing.write();
        } catch (IOException e) {
            throw new UsageException("cannot write " + target + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        out.println("wrote " + target + " (" + size(target) + ")");
    }

    /** Refuses, before anything runs, a report target that is a directory. */
    static void checkTarget(String option, Path target) {
        if (target != null && Files.isDirectory(target)) {
            throw new UsageException(option + " " + target + " is a directory: give a file name");
        }
    }

    private static String size(Path file) {
        try {
            long bytes = Files.size(file);
            return bytes < 10_240 ? bytes + " bytes" : String.format(Locale.ROOT, "%,d KB", (bytes + 512) / 1024);
        } catch (IOException e) {
            return "size unknown";
        }
    }
}
