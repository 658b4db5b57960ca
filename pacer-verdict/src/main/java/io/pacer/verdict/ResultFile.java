package io.pacer.verdict;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A saved result as the user hands it over — to {@code pacer report}, {@code pacer baseline save} or
 * {@code pacer compare}: a single run ({@code pacer.run-result/N}, as {@code pacer kafka --output} writes it) or a
 * whole suite ({@code pacer.suite-result/N}, as {@code pacer full --output} writes it), told apart by the document's
 * {@code schema} field. Exactly one of {@link #run()} and {@link #suite()} is set. Runs are read by
 * {@link RunResults}, suites by {@link SuiteResults} (each embedded run by {@link RunResults} too), so a file written
 * before a field existed reads the same everywhere.
 *
 * <p>Whatever is wrong with the file — missing, a directory, unreadable, not JSON, no or a foreign schema, a newer
 * schema than this Pacer reads, fields that do not fit — {@link #read} says so in one line that starts with the file,
 * as an {@link IllegalArgumentException} (the CLI's exit code 2).
 *
 * @param path the file it was read from
 * @param run the run result, or null for a suite result
 * @param suite the suite result, or null for a run result
 */
public record ResultFile(Path path, RunResult run, SuiteResult suite) {

    private static final String RUN_PREFIX = "pacer.run-result/";
    private static final String SUITE_PREFIX = "pacer.suite-result/";

    public ResultFile {
        Objects.requireNonNull(path, "path");
        if ((run == null) == (suite == null)) {
            throw new IllegalArgumentException("a result file holds a run or a suite result, exactly one");
        }
    }

    /** {@code run} or {@code suite}. */
    public String kind() {
        return run != null ? "run" : "suite";
    }

    /** What was measured: the run's driver, or the suite's name. */
    public String subject() {
        return run != null ? run.driver() : suite.suite();
    }

    /**
     * Reads a run or suite result; see the class comment for what it refuses and how.
     *
     * @throws IllegalArgumentException {@code PATH: why}, one line
     */
    public static ResultFile read(Path path) {
        return read(path, bytes(path));
    }

    /**
     * Reads a run or suite result from {@code bytes} already in hand (an upload, a row of a database); {@code path}
     * names where they came from in messages and is the result's {@link #path()}. The exception's cause, when there is
     * one, is Jackson's, with the JSON path of the field that did not fit.
     *
     * @throws IllegalArgumentException {@code PATH: why}, one line
     */
    public static ResultFile read(Path path, byte[] bytes) {
        JsonNode root;
        try {
            root = Json.documentReader().readTree(bytes);
        } catch (IOException e) {
            throw problem(path, "not valid JSON: " + describe(e), e);
        }
        String schema = root == null ? null : root.path("schema").asText(null);
        try {
            if (schema != null && schema.startsWith(RUN_PREFIX)) {
                return new ResultFile(path, read(bytes, "run"), null);
            }
            if (schema != null && schema.startsWith(SUITE_PREFIX)) {
                return new ResultFile(path, null, read(root));
            }
        } catch (IllegalArgumentException e) {
            throw problem(path, firstLine(e.getMessage()), e.getCause() != null ? e.getCause() : e);
        }
        throw problem(
                path,
                "not a Pacer result: expected a \"schema\" field " + RUN_PREFIX + "N or " + SUITE_PREFIX
                        + "N, but found " + (schema == null ? "none" : "\"" + schema + "\""));
    }

    private static RunResult read(byte[] bytes, String kind) {
        try {
            return RunResults.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid " + kind + " result: " + describe(e), e);
        }
    }

    private static SuiteResult read(JsonNode root) {
        try {
            return SuiteResults.read(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid suite result: " + describe(e), e);
        }
    }

    private static byte[] bytes(Path path) {
        if (Files.isDirectory(path)) {
            throw problem(path, "is a directory, not a result file");
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw problem(path, "no such file");
        } catch (AccessDeniedException e) {
            throw problem(path, "cannot read: permission denied");
        } catch (IOException e) {
            throw problem(path, "cannot read: " + e.getMessage());
        }
    }

    private static String describe(IOException e) {
        if (e instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return firstLine(json.getOriginalMessage()) + where;
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static IllegalArgumentException problem(Path path, String why) {
        return new IllegalArgumentException(path + ": " + why);
    }

    private static IllegalArgumentException problem(Path path, String why, Throwable cause) {
        return new IllegalArgumentException(path + ": " + why, cause);
    }
}
