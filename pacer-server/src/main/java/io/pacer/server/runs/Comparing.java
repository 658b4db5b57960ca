package io.pacer.server.runs;

import io.javalin.http.Context;
import io.pacer.server.http.ApiException;
import io.pacer.verdict.ResultFile;
import io.pacer.verdict.baseline.BaselineStore;
import io.pacer.verdict.compare.ChangeVerdict;
import io.pacer.verdict.compare.ComparisonSettings;
import io.pacer.verdict.compare.ComparisonText;
import io.pacer.verdict.compare.Comparisons;
import io.pacer.verdict.compare.RunComparison;
import io.pacer.verdict.compare.SuiteComparison;
import java.util.List;

/** A stored run against a saved baseline, with pacer-verdict's noise-aware comparison ({@code pacer compare}). */
final class Comparing {

    private Comparing() {}

    /**
     * The comparison's answer.
     *
     * @param run the run compared
     * @param baseline the baseline's name
     * @param kind {@code run} or {@code suite}
     * @param verdict {@code regressed}, {@code improved}, {@code unchanged} or {@code inconclusive} (a suite:
     *     {@code regressed} when a scenario regressed, else {@code unchanged})
     * @param regressed whether some metric regressed beyond the tolerance (what fails a CI job)
     * @param lines the comparison as {@code pacer compare} prints it
     * @param comparison every metric's figures, change, p-value and verdict
     */
    record Answer(
            long run,
            String baseline,
            String kind,
            String verdict,
            boolean regressed,
            List<String> lines,
            Object comparison) {}

    static Answer compare(StoredRun run, BaselineStore baselines, Context ctx) {
        String name = ctx.queryParam("baseline");
        if (name == null || name.isBlank()) {
            throw ApiException.invalid("baseline", "required: the name of a saved baseline (GET /api/baselines)");
        }
        try {
            BaselineStore.validName(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("baseline", e.getMessage());
        }
        ComparisonSettings settings = settings(ctx);
        if (baselines.find(name).isEmpty()) {
            throw ApiException.notFound(baselines.missing(name));
        }
        ResultFile before = baselines.load(name);
        ResultFile after = run.read();
        if (!before.kind().equals(after.kind())) {
            throw ApiException.conflict("cannot compare a " + after.kind() + " result (run "
                    + run.summary().id()
                    + ") with a " + before.kind() + " result (baseline '" + name
                    + "'): compare runs with runs, suites with suites");
        }
        long id = run.summary().id();
        if (after.run() != null) {
            RunComparison c = Comparisons.compare(before.run(), after.run(), settings);
            return new Answer(
                    id,
                    name,
                    "run",
                    c.verdict().name().toLowerCase(java.util.Locale.ROOT),
                    c.regressed(),
                    ComparisonText.lines(c),
                    c);
        }
        SuiteComparison c = Comparisons.compare(before.suite(), after.suite(), settings);
        String verdict = c.regressed() ? ChangeVerdict.REGRESSED.name() : ChangeVerdict.UNCHANGED.name();
        return new Answer(
                id,
                name,
                "suite",
                verdict.toLowerCase(java.util.Locale.ROOT),
                c.regressed(),
                ComparisonText.lines(c),
                c);
    }

    private static ComparisonSettings settings(Context ctx) {
        ComparisonSettings defaults = ComparisonSettings.ofDefaults();
        double tolerance = Params.number(ctx, "tolerance", defaults.tolerance() * 100, 0, 1000);
        double confidence = Params.number(ctx, "confidence", defaults.confidence() * 100, 50, 99.9);
        long minIntervals = Params.integer(ctx, "minIntervals", defaults.minIntervals(), 3, 100_000);
        return defaults.withTolerance(tolerance / 100)
                .withConfidence(confidence / 100)
                .withMinIntervals((int) minIntervals);
    }
}
