package io.pacer.cli;

import io.pacer.verdict.ResultFile;
import io.pacer.verdict.baseline.BaselineStore;
import io.pacer.verdict.compare.ComparisonSettings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How a result is judged against a baseline, for {@code pacer compare} and {@code pacer full --baseline}: the options
 * ({@code --tolerance}, {@code --confidence}, {@code --min-intervals}) checked into {@link ComparisonSettings}, and
 * the one rule for what a BASELINE argument names — a saved baseline, else a result file.
 */
final class ComparisonOptions {

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

    /** The options as settings; a value out of range is a usage error naming the option. */
    ComparisonSettings settings() {
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

    /**
     * A saved baseline of that name, else a file of that name; neither is a usage error naming both places it looked
     * and listing the saved baselines.
     *
     * @param what how messages name the argument: {@code BASELINE}, {@code --baseline}
     */
    static ResultFile baseline(String what, String baseline, BaselineStore store) {
        boolean nameLike = baseline.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        if (nameLike && store.find(baseline).isPresent()) {
            return store.load(baseline);
        }
        Path file;
        try {
            file = Path.of(baseline);
        } catch (InvalidPathException e) {
            throw new UsageException(what + " '" + baseline + "' is neither a saved baseline nor a file");
        }
        if (Files.exists(file) || !nameLike) {
            return ResultFile.read(file);
        }
        throw new UsageException(
                what + " '" + baseline + "' is neither a saved baseline nor a file: " + store.missing(baseline));
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
}
