package io.pacer.cli;

import io.pacer.verdict.baseline.BaselineStore;
import io.pacer.verdict.compare.ComparisonSettings;
import io.pacer.verdict.compare.ComparisonText;
import io.pacer.verdict.compare.Comparisons;
import io.pacer.verdict.compare.ResultFile;
import io.pacer.verdict.compare.RunComparison;
import io.pacer.verdict.compare.SuiteComparison;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pacer compare BASELINE RESULT}: a noise-aware verdict per metric, exit 1 on a regression. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares a result with a baseline, per metric (throughput, p50, p95, p99, p99.9, error rate): the change"
                    + " in %% and a verdict — improved, unchanged, regressed or inconclusive. A change counts only"
                    + " when the per-interval samples differ significantly (Mann-Whitney U at the --confidence level)"
                    + " and the whole-run figure moved by more than --tolerance. Warm-up intervals are not samples;"
                    + " with fewer than --min-intervals per side a metric is inconclusive, never a regression.",
            "Both must be run results or both suite results; suites are compared scenario by scenario, by name."
        },
        footer = {
            "",
            "Examples:",
            "  pacer baseline save main run.json && pacer compare main new-run.json",
            "  pacer compare old-run.json new-run.json --tolerance 10%%",
            "",
            "Exit codes: 0 no regression beyond the tolerance, 1 a regression, 2 bad usage."
        })
final class CompareCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "BASELINE",
            description = "A saved baseline's name (see 'pacer baseline list') or a result file.")
    String baseline;

    @Parameters(index = "1", paramLabel = "RESULT", description = "The result file to judge (run or suite result).")
    Path result;

    @Option(
            names = "--tolerance",
            paramLabel = "PERCENT",
            converter = PercentConverter.class,
            defaultValue = "5%",
            description = "The smallest change that matters, ${DEFAULT-VALUE} (default): a significant change within"
                    + " it is no regression.")
    double tolerance;

    @Option(
            names = "--confidence",
            paramLabel = "PERCENT",
            converter = PercentConverter.class,
            defaultValue = "95%",
            description = "Confidence level of the test and of the intervals shown, ${DEFAULT-VALUE} (default);"
                    + " 50%% to 99.9%%.")
    double confidence;

    @Option(
            names = "--min-intervals",
            paramLabel = "N",
            defaultValue = "" + ComparisonSettings.DEFAULT_MIN_INTERVALS,
            description = "Fewest measured intervals per side for a verdict (default ${DEFAULT-VALUE}).")
    int minIntervals;

    // Hook for the lead: `--html FILE` (the before/after page from io.pacer.verdict.report) goes here, rendered from
    // the RunComparison / SuiteComparison computed in call().

    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ComparisonSettings settings = settings();
        ResultFile before = baseline(data.baselines());
        ResultFile after = ResultFile.read(result);
        if (!before.kind().equals(after.kind())) {
            throw new UsageException("cannot compare a " + before.kind() + " result (" + before.path() + ") with a "
                    + after.kind() + " result (" + after.path() + "): compare runs with runs, suites with suites");
        }
        List<String> lines;
        boolean regressed;
        if (before.run() != null) {
            RunComparison comparison = Comparisons.compare(before.run(), after.run(), settings);
            lines = ComparisonText.lines(comparison);
            regressed = comparison.regressed();
        } else {
            SuiteComparison comparison = Comparisons.compare(before.suite(), after.suite(), settings);
            lines = ComparisonText.lines(comparison);
            regressed = comparison.regressed();
        }
        lines.forEach(out::println);
        return regressed ? ExitCode.FAILED_RUN : ExitCode.OK;
    }

    private ComparisonSettings settings() {
        inRange("--tolerance", tolerance, 0, 10);
        inRange("--confidence", confidence, 0.5, 0.999);
        if (minIntervals < 3) {
            throw new UsageException("--min-intervals must be >= 3, but was " + minIntervals);
        }
        return ComparisonSettings.ofDefaults()
                .withTolerance(tolerance)
                .withConfidence(confidence)
                .withMinIntervals(minIntervals);
    }

    private static void inRange(String option, double fraction, double min, double max) {
        if (fraction < min || fraction > max) {
            throw new UsageException(String.format(
                    Locale.ROOT,
                    "%s must be in [%s%%, %s%%], but was %s%%",
                    option,
                    percent(min),
                    percent(max),
                    percent(fraction)));
        }
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(Math.round(fraction * 100_000) / 1000.0)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A saved baseline of that name, else a file of that name; neither names both places it looked. */
    private ResultFile baseline(BaselineStore store) {
        boolean nameLike = baseline.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        if (nameLike && store.find(baseline).isPresent()) {
            return store.load(baseline);
        }
        Path file;
        try {
            file = Path.of(baseline);
        } catch (InvalidPathException e) {
            throw new UsageException("BASELINE '" + baseline + "' is neither a saved baseline nor a file");
        }
        if (Files.exists(file) || !nameLike) {
            return ResultFile.read(file);
        }
        throw new UsageException(
                "BASELINE '" + baseline + "' is neither a saved baseline nor a file: " + store.missing(baseline));
    }
}
