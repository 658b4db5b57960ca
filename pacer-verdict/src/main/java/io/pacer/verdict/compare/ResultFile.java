package io.pacer.verdict.compare;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.internal.Json;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A saved result as the user hands it over: a single run ({@code pacer.run-result/N}) or a whole suite
 * ({@code pacer.suite-result/N}), told apart by the document's {@code schema} field. Exactly one of {@code run} and
 * {@code suite} is set.
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
     * Reads a run or suite result.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it: missing, unreadable, not JSON, not
     *     a Pacer result, or written by a newer Pacer (a newer schema version)
     */
    public static ResultFile read(Path path) {
        byte[] bytes = bytes(path);
        JsonNode root;
        try {
            root = Json.documentReader().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": not valid JSON: " + describe(e), e);
        }
        String schema = root == null ? null : root.path("schema").asText(null);
        try {
            if (schema != null && schema.startsWith(RUN_PREFIX)) {
                return new ResultFile(path, RunResults.read(new ByteArrayInputStream(bytes)), null);
            }
            if (schema != null && schema.startsWith(SUITE_PREFIX)) {
                return new ResultFile(path, null, suite(root, schema));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": not a readable result: " + describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + firstLine(e.getMessage()), e);
        }
        throw new IllegalArgumentException(path + ": not a Pacer result: expected a \"schema\" field " + RUN_PREFIX
                + "N or " + SUITE_PREFIX + "N, but found " + (schema == null ? "none" : "\"" + schema + "\""));
    }

    private static SuiteResult suite(JsonNode root, String schema) throws IOException {
        int version = version(schema, SUITE_PREFIX);
        int known = version(SuiteResult.SCHEMA, SUITE_PREFIX);
        if (version > known) {
            throw new IllegalArgumentException("suite result schema " + schema + " is newer than this Pacer reads ("
                    + SuiteResult.SCHEMA + "); read it with a newer Pacer");
        }
        // Each embedded run goes through RunResults, which checks its schema and fills what older files lack.
        ObjectNode copy = root.deepCopy();
        List<RunResult> runs = new ArrayList<>();
        for (JsonNode scenario : copy.path("scenarios")) {
            JsonNode run = scenario.path("run");
            runs.add(
                    run.isObject()
                            ? RunResults.read(
                                    new ByteArrayInputStream(run.toString().getBytes(StandardCharsets.UTF_8)))
                            : null);
            if (scenario instanceof ObjectNode object) {
                object.remove("run");
            }
        }
        SuiteResult bare = Json.documentReader().treeToValue(copy, SuiteResult.class);
        List<ScenarioResult> scenarios = new ArrayList<>();
        for (int i = 0; i < bare.scenarios().size(); i++) {
            ScenarioResult s = bare.scenarios().get(i);
            scenarios.add(new ScenarioResult(s.name(), s.driver(), runs.get(i), s.gates(), s.capacity(), s.error()));
        }
        return new SuiteResult(bare.schema(), bare.suite(), bare.startedAt(), bare.finishedAt(), scenarios);
    }

    private static int version(String schema, String prefix) {
        try {
            return Integer.parseInt(schema.substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("result schema \"" + schema + "\" has no version number", e);
        }
    }

    private static byte[] bytes(Path path) {
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + ": is a directory, not a result file");
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(path + ": cannot read: permission denied", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return firstLine(json.getOriginalMessage()) + where;
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}
