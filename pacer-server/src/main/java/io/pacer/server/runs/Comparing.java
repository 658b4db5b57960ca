package io.pacer.server.runs;

import io.pacer.server.http.ApiException;
import io.pacer.server.http.Params;
import io.pacer.verdict.ResultFile;
import io.pacer.verdict.baseline.BaselineStore;
import io.pacer.verdict.compare.ChangeVerdict;
import io.pacer.verdict.compare.ComparisonSettings;
import io.pacer.verdict.compare.ComparisonText;
import io.pacer.verdict.compare.Comparisons;
import io.pacer.verdict.compare.RunComparison;
import io.pacer.verdict.compare.SuiteComparison;
import io.pacer.verdict.report.ComparisonRows;
import io.pacer.verdict.report.HtmlReport;
import io.pacer.verdict.report.ReportOptions;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    static Answer compare(StoredRun run, BaselineStore baselines, Ask ask) {
        Sides sides = sides(run, baselines, ask);
        long id = run.summary().id();
        if (sides.after().run() != null) {
            RunComparison c =
                    Comparisons.compare(sides.before().run(), sides.after().run(), sides.settings());
            return new Answer(
                    id,
                    sides.name(),
                    "run",
                    c.verdict().name().toLowerCase(Locale.ROOT),
                    c.regressed(),
                    ComparisonText.lines(c),
                    c);
        }
        SuiteComparison c =
                Comparisons.compare(sides.before().suite(), sides.after().suite(), sides.settings());
        ChangeVerdict verdict = c.regressed() ? ChangeVerdict.REGRESSED : ChangeVerdict.UNCHANGED;
        return new Answer(
                id,
                sides.name(),
                "suite",
                verdict.name().toLowerCase(Locale.ROOT),
                c.regressed(),
                ComparisonText.lines(c),
                c);
    }

    /** The before/after HTML report ({@code pacer compare --html}), dated at the run's upload. */
    static String report(StoredRun run, BaselineStore baselines, Ask ask) {
        Sides sides = sides(run, baselines, ask);
        ReportOptions options = ReportOptions.DEFAULT.withTitle("Pacer comparison: "
                + run.summary().name() + " (run " + run.summary().id() + ") against baseline '" + sides.name() + "'");
        if (sides.after().run() != null) {
            RunComparison c =
                    Comparisons.compare(sides.before().run(), sides.after().run(), sides.settings());
            return HtmlReport.renderComparison(
                    sides.before().run(),
                    sides.after().run(),
                    ComparisonRows.of(c),
                    options,
                    run.summary().uploadedAt());
        }
        SuiteComparison c =
                Comparisons.compare(sides.before().suite(), sides.after().suite(), sides.settings());
        return HtmlReport.renderComparison(
                sides.before().suite(),
                sides.after().suite(),
                ComparisonRows.of(c),
                options,
                run.summary().uploadedAt());
    }

    /** Checks, before an upload is stored, that it can be compared with the baseline its request names. */
    static void check(ResultFile upload, BaselineStore baselines, Ask ask) {
        sides(upload, -1, baselines, ask);
    }

    /** The baseline (by the {@code baseline} parameter) and the run, checked to be of one kind. */
    private record Sides(String name, ResultFile before, ResultFile after, ComparisonSettings settings) {}

    private static Sides sides(StoredRun run, BaselineStore baselines, Ask ask) {
        return sides(run.read(), run.summary().id(), baselines, ask);
    }

    private static Sides sides(ResultFile after, long id, BaselineStore baselines, Ask ask) {
        String name = ask.baseline();
        if (baselines.find(name).isEmpty()) {
            throw ApiException.notFound(baselines.missing(name));
        }
        ResultFile before = baselines.load(name);
        if (!before.kind().equals(after.kind())) {
            throw ApiException.conflict("cannot compare a " + after.kind() + " result ("
                    + (id > 0 ? "run " + id : "the upload") + ") with a " + before.kind() + " result (baseline '" + name
                    + "'): compare runs with runs, suites with suites");
        }
        return new Sides(name, before, after, ask.settings());
    }

    /**
     * What a request asks to compare with: the saved baseline's name and the comparison's settings, from the query
     * parameters {@link #PARAMETERS}.
     */
    record Ask(String baseline, ComparisonSettings settings) {

        /** The query parameters a comparison reads. */
        static final Set<String> PARAMETERS = Set.of("baseline", "tolerance", "confidence", "minIntervals");

        /**
         * The comparison {@code params} ask for; a missing or invalid baseline name and settings out of range are
         * recorded in {@code params} (its {@link Params#check} answers them), and give null.
         */
        static Ask of(Params params, String baseline) {
            ComparisonSettings defaults = ComparisonSettings.ofDefaults();
            double tolerance = params.number("tolerance", defaults.tolerance() * 100, 0, 1000);
            double confidence = params.number("confidence", defaults.confidence() * 100, 50, 99.9);
            int minIntervals = params.integer("minIntervals", defaults.minIntervals(), 3, 100_000);
            if (baseline == null || baseline.isBlank()) {
                params.error("baseline", "required: the name of a saved baseline (GET /api/baselines)");
                return null;
            }
            try {
                BaselineStore.validName(baseline);
            } catch (IllegalArgumentException e) {
                params.error("baseline", e.getMessage());
                return null;
            }
            return new Ask(
                    baseline,
                    defaults.withTolerance(tolerance / 100)
                            .withConfidence(confidence / 100)
                            .withMinIntervals(minIntervals));
        }
    }
}
