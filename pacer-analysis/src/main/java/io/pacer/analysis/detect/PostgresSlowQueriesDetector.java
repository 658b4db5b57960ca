package io.pacer.analysis.detect;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Category;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.Level;
import io.pacer.analysis.SeriesStats;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * POSTGRES_SLOW_QUERIES: calls of slow statements per hour over the window, from the counter the collector keeps
 * ({@code postgres.slow_queries.total}: calls of statements whose mean is at least 1 s), judged by seed 002's
 * {@code slow_queries_per_hour} thresholds ({@value #WARNING_PER_HOUR} warning, {@value #CRITICAL_PER_HOUR} critical)
 * with at least {@value #MIN_CALLS} slow calls in the window, so one slow report in a short window is no alarm. The
 * slowest statements ({@code postgres.statement.mean.seconds}) are named in the evidence.
 */
final class PostgresSlowQueriesDetector implements Detector {

    static final double WARNING_PER_HOUR = 10;
    static final double CRITICAL_PER_HOUR = 50;
    static final double MIN_CALLS = 3;
    static final double SLOW_SECONDS = 1.0;
    static final int STATEMENTS_SHOWN = 3;

    @Override
    public String name() {
        return "postgres-slow";
    }

    @Override
    public Category category() {
        return Category.DATABASE;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        Instant from = context.history().from();
        Instant to = context.now();
        double hours = Duration.between(from, to).toMillis() / 3_600_000.0;
        List<Finding> findings = new ArrayList<>();
        for (Series slow : context.history().series("postgres.slow_queries.total")) {
            double calls = SeriesStats.increase(slow);
            double perHour = calls / hours;
            if (calls < MIN_CALLS || perHour < WARNING_PER_HOUR) {
                continue;
            }
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence(
                    slow.name(),
                    slow.labels(),
                    "per_hour",
                    perHour,
                    ">=",
                    WARNING_PER_HOUR,
                    from,
                    to,
                    String.format(
                            Locale.ROOT, "%.0f slow calls (mean at least %.0f s) in the window", calls, SLOW_SECONDS)));
            List<String> names = new ArrayList<>();
            for (Series statement : slowest(context, slow.labels())) {
                double mean = SeriesStats.last(statement);
                String query = statement.labels().getOrDefault("query", "?");
                names.add(String.format(Locale.ROOT, "%s (%.2f s)", query, mean));
                evidence.add(new Evidence(
                        statement.name(),
                        statement.labels(),
                        "last",
                        mean,
                        ">=",
                        SLOW_SECONDS,
                        from,
                        to,
                        "mean execution time of " + query));
            }
            String database = slow.labels().getOrDefault("database", "?");
            findings.add(new Finding(
                    FindingKinds.POSTGRES_SLOW_QUERIES,
                    Category.DATABASE,
                    perHour >= CRITICAL_PER_HOUR ? Level.CRITICAL : Level.WARNING,
                    Math.min(1.0, 0.5 + 0.5 * Math.min(1, perHour / CRITICAL_PER_HOUR)),
                    slow.labels(),
                    String.format(
                            Locale.ROOT,
                            "PostgreSQL database %s: %.0f slow queries per hour (%.0f calls of at least %.0f s in"
                                    + " the window)%s",
                            database,
                            perHour,
                            calls,
                            SLOW_SECONDS,
                            names.isEmpty() ? "" : "; slowest: " + String.join("; ", names)),
                    evidence));
        }
        return findings;
    }

    /** The statements of that database whose mean is at least the slow threshold, slowest first. */
    private static List<Series> slowest(AnalysisContext context, Map<String, String> database) {
        return context.history().series("postgres.statement.mean.seconds", database).stream()
                .filter(s -> !s.points().isEmpty() && SeriesStats.last(s) >= SLOW_SECONDS)
                .sorted(Comparator.comparingDouble(SeriesStats::last).reversed())
                .limit(STATEMENTS_SHOWN)
                .toList();
    }
}
