package io.pacer.verdict.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.verdict.SuiteResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A saved result of either kind, told apart by its {@code schema} field: a run ({@code pacer.run-result/N}, as
 * {@code pacer kafka --output} writes it) or a suite ({@code pacer.suite-result/N}, as {@code pacer full --output}
 * writes it). Exactly one of {@link #run()} and {@link #suite()} is set.
 *
 * <p>Whatever is wrong with the file — missing, unreadable, not JSON, no or a foreign schema, a newer schema than this
 * Pacer reads, fields that do not fit — {@link #read} says so in one line that names the file, as an
 * {@link IllegalArgumentException} (the CLI's exit code 2).
 */
public record ResultFile(Path path, RunResult run, SuiteResult suite) {

    private static final String RUN_PREFIX = "pacer.run-result/";
    private static final String SUITE_PREFIX = "pacer.suite-result/";

    public ResultFile {
        Objects.requireNonNull(path, "path");
        if ((run == null) == (suite == null)) {
            throw new IllegalArgumentException("a result file holds either a run or a suite result");
        }
    }

    /** Reads {@code path}; see the class comment for what it refuses and how. */
    public static ResultFile read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw problem(path, "no such file");
        } catch (AccessDeniedException e) {
            throw problem(path, "permission denied");
        } catch (IOException e) {
            throw problem(path, "cannot read it: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = Json.documentReader().readTree(bytes);
        } catch (IOException e) {
            throw problem(path, "not JSON: " + jsonProblem(e));
        }
        String schema = root == null ? null : root.path("schema").asText(null);
        if (schema != null && schema.startsWith(SUITE_PREFIX)) {
            return new ResultFile(path, null, suite(path, root, schema));
        }
        if (schema != null && schema.startsWith(RUN_PREFIX)) {
            try {
                return new ResultFile(path, RunResults.read(new ByteArrayInputStream(bytes)), null);
            } catch (IllegalArgumentException e) {
                throw problem(path, firstLine(e.getMessage()));
            } catch (IOException e) {
                throw problem(path, "not a valid run result: " + jsonProblem(e));
            }
        }
        throw problem(
                path,
                "not a Pacer result: expected a \"schema\" field \"" + RUN_PREFIX + "N\" or \"" + SUITE_PREFIX
                        + "N\", but found " + (schema == null ? "none" : "\"" + schema + "\""));
    }

    private static SuiteResult suite(Path path, JsonNode root, String schema) {
        int version = version(path, schema, SUITE_PREFIX);
        int supported = version(path, SuiteResult.SCHEMA, SUITE_PREFIX);
        if (version > supported) {
            throw problem(
                    path,
                    "suite result schema " + schema + " is newer than this Pacer reads (" + SuiteResult.SCHEMA
                            + "); read it with a newer Pacer");
        }
        try {
            return Json.documentReader().treeToValue(root, SuiteResult.class);
        } catch (IOException | IllegalArgumentException e) {
            throw problem(path, "not a valid suite result: " + jsonProblem(e));
        }
    }

    private static int version(Path path, String schema, String prefix) {
        try {
            return Integer.parseInt(schema.substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw problem(path, "schema \"" + schema + "\" has no version number");
        }
    }

    private static String jsonProblem(Exception e) {
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
}
