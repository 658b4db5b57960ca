package io.pacer.verdict.suite;

import java.util.Objects;

/**
 * Where something was written in a suite file, so an error can send the reader straight to it.
 *
 * @param file the file as the user named it ({@code my-suite.yaml}, {@code built-in})
 * @param line 1-based line
 * @param column 1-based column
 */
public record Location(String file, int line, int column) {

    public Location {
        Objects.requireNonNull(file, "file");
    }

    /** {@code my-suite.yaml:12:5}, as compilers write it. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
