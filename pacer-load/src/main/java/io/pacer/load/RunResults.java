package io.pacer.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.internal.Json;
import io.pacer.metrics.Histograms;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link RunResult} as JSON ({@code docs/run-result.md}), and results of several processes merged into one.
 *
 * <p>Reading checks the {@code schema} field first: a result written by a newer Pacer with a higher schema version
 * is refused with a clear message instead of being half understood; fields unknown to this version are ignored.
 * A version-1 result written before a latency object had {@code p95} gets it from the histogram beside it.
 */
public final class RunResults {

    private static final String SCHEMA_PREFIX = "pacer.run-result/";
    private static final int VERSION = Integer.parseInt(RunResult.SCHEMA.substring(SCHEMA_PREFIX.length()));

    private RunResults() {}

    public static void write(RunResult result, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(result, out);
        }
    }

    /** Writes {@code result} as indented JSON; leaves {@code out} open. */
    public static void write(RunResult result, OutputStream out) throws IOException {
        Json.documentWriter().writeValue(out, result);
    }

    /** The JSON text of {@code result}. */
    public static String toJson(RunResult result) {
        try {
            return Json.documentWriter().writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RunResult read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Reads a result written by {@link #write}, or by an earlier Pacer of the same schema version.
     *
     * @throws IllegalArgumentException if the JSON is not a run result or has a newer schema version
     */
    public static RunResult read(InputStream in) throws IOException {
        JsonNode root = Json.documentReader().readTree(in);
        String schema = root == null ? null : root.path("schema").asText(null);
        if (schema == null || !schema.startsWith(SCHEMA_PREFIX)) {
            throw new IllegalArgumentException("not a Pacer run result: expected a \"schema\" field \"" + SCHEMA_PREFIX
                    + "N\", but found " + (schema == null ? "none" : "\"" + schema + "\""));
        }
        int version;
        try {
            version = Integer.parseInt(schema.substring(SCHEMA_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("run result schema \"" + schema + "\" has no version number", e);
        }
        if (version > VERSION) {
            throw new IllegalArgumentException("run result schema " + schema + " is newer than this Pacer reads ("
                    + RunResult.SCHEMA + "); read it with a newer Pacer");
        }
        addMissingP95(root);
        addMissingP95(root.path("warmup"));
        root.path("labels").forEach(RunResults::addMissingP95);
        return Json.documentReader().treeToValue(root, RunResult.class);
    }

    /**
     * One result for runs made at the same time by several processes: counts, rates and errors add up, latency comes
     * from the merged histograms (exact), per-interval percentiles are the worst of the parts (their histograms are
     * not kept), settings and environment are the first run's with the earliest start and latest end.
     */
    public static RunResult merge(List<RunResult> results) {
        return RunMerge.merge(results);
    }

    /**
     * {@code p95} joined the latency objects within schema version 1: in a file written before, it is computed from
     * the histogram beside the latency object (exact). Interval latency objects have no histogram; theirs reads as 0.
     */
    private static void addMissingP95(JsonNode parent) {
        if (parent.path("latency") instanceof ObjectNode latency
                && !latency.has("p95")
                && parent.path("histogram").isTextual()) {
            latency.put(
                    "p95", Histograms.decode(parent.path("histogram").asText()).getValueAtPercentile(95));
        }
    }
}
