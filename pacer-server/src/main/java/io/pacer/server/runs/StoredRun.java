package io.pacer.server.runs;

import io.pacer.verdict.ResultFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An uploaded run with its result.
 *
 * @param summary what lists show
 * @param result the result's JSON text: the upload's parsed tree written again (one JSON value, whatever was sent)
 */
record StoredRun(RunSummary summary, String result) {

    StoredRun {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(result, "result");
    }

    /** The result, read again (it was valid when it was uploaded). */
    ResultFile read() {
        return ResultFile.read(Path.of("run-" + summary.id() + ".json"), result.getBytes(StandardCharsets.UTF_8));
    }
}
