package io.pacer.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.internal.Json;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SuiteResult} as JSON ({@code docs/suite-result.md}): each scenario's run embedded whole, as
 * {@code docs/run-result.md} describes it, so one file carries everything reports, baselines and comparisons need.
 * Reading refuses a file that is not a suite result, or one of a newer schema version, with a message naming why; each
 * embedded run is read by {@link RunResults}, which checks its schema and fills what older files lack (p95). To read a
 * file that may hold a run or a suite result, use {@link ResultFile}.
 */
public final class SuiteResults {

    private static final String SCHEMA_PREFIX = "pacer.suite-result/";
    private static final int VERSION = Integer.parseInt(SuiteResult.SCHEMA.substring(SCHEMA_PREFIX.length()));

    private SuiteResults() {}

    public static void write(SuiteResult result, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(result, out);
        }
    }

    /** Writes {@code result} as indented JSON; leaves {@code out} open. */
    public static void write(SuiteResult result, OutputStream out) throws IOException {
        Json.documentWriter().writeValue(out, result);
    }

    /** The JSON text of {@code result}. */
    public static String toJson(SuiteResult result) {
        try {
            return Json.documentWriter().writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a suite result.
     *
     * @throws IllegalArgumentException naming the file and why: not a suite result, or a newer schema
     */
    public static SuiteResult read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a suite result from {@code in}; see {@link #read(Path)}. */
    public static SuiteResult read(InputStream in) throws IOException {
        return read(Json.documentReader().readTree(in));
    }

    /** Reads a suite result from its JSON tree; see {@link #read(Path)}. */
    static SuiteResult read(JsonNode root) throws IOException {
        String schema = root == null ? null : root.path("schema").asText(null);
        if (schema == null || !schema.startsWith(SCHEMA_PREFIX)) {
            throw new IllegalArgumentException("not a Pacer suite result: expected a \"schema\" field \""
                    + SCHEMA_PREFIX + "N\", but found " + (schema == null ? "none" : "\"" + schema + "\""));
        }
        int version;
        try {
            version = Integer.parseInt(schema.substring(SCHEMA_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("suite result schema \"" + schema + "\" has no version number", e);
        }
        if (version > VERSION) {
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
}
