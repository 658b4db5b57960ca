package io.pacer.analysis.detect;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Category;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.analysis.Level;
import io.pacer.analysis.SeriesStats;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * POSTGRES_CACHE_DROP: the share of block reads PostgreSQL's buffer cache served, over the window's last third,
 * computed from the counters ({@code postgres.blocks.hit.total}, {@code postgres.blocks.read.total}) — the
 * collector's {@code postgres.cache.hit.ratio} is cumulative since the statistics were reset and barely moves. It
 * fires when that recent ratio fell at least {@value #MIN_DROP} below the earlier two thirds and under {@value
 * #HEALTHY_RATIO}, or is below seed 002's {@code cache_hit_ratio} warning ({@value #WARNING_RATIO}; critical {@value
 * #CRITICAL_RATIO}) — and only with at least {@value #MIN_BLOCKS} blocks asked for, so an idle database says nothing.
 */
final class PostgresCacheDropDetector implements Detector {

    static final double MIN_DROP = 0.05;
    static final double HEALTHY_RATIO = 0.95;
    static final double WARNING_RATIO = 0.7;
    static final double CRITICAL_RATIO = 0.5;
    static final double MIN_BLOCKS = 10_000;

    @Override
    public String name() {
        return "postgres-cache";
    }

    @Override
    public Category category() {
        return Category.DATABASE;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History all = context.history();
        Instant split = all.to().minus(Duration.between(all.from(), all.to()).dividedBy(3));
        History earlier = all.window(all.from(), split);
        History recent = all.window(split, all.to());
        List<Finding> findings = new ArrayList<>();
        for (Series hits : all.series("postgres.blocks.hit.total")) {
            Map<String, String> database = hits.labels();
            double[] now = ratio(recent, database);
            if (now[1] < MIN_BLOCKS) {
                continue;
            }
            double[] before = ratio(earlier, database);
            boolean hasBaseline = before[1] >= MIN_BLOCKS;
            boolean dropped = hasBaseline && now[0] <= before[0] - MIN_DROP && now[0] < HEALTHY_RATIO;
            boolean low = now[0] < WARNING_RATIO;
            if (!dropped && !low) {
                continue;
            }
            double threshold = dropped ? before[0] - MIN_DROP : WARNING_RATIO;
            String baseline = hasBaseline
                    ? String.format(Locale.ROOT, "%.1f%% before %s", 100 * before[0], split)
                    : "no earlier reads to compare with";
            Evidence evidence = new Evidence(
                    "postgres.blocks.hit.total",
                    database,
                    "hit_ratio",
                    now[0],
                    "<=",
                    threshold,
                    split,
                    all.to(),
                    String.format(
                            Locale.ROOT,
                            "hits / (hits + postgres.blocks.read.total) over %.0f blocks since %s; %s",
                            now[1],
                            split,
                            baseline));
            double depth = (threshold - now[0]) / Math.max(threshold, 1e-9);
            findings.add(new Finding(
                    FindingKinds.POSTGRES_CACHE_DROP,
                    Category.DATABASE,
                    now[0] < CRITICAL_RATIO ? Level.CRITICAL : Level.WARNING,
                    Math.min(1.0, 0.6 + 2 * depth + (dropped && low ? 0.2 : 0)),
                    database,
                    String.format(
                            Locale.ROOT,
                            "PostgreSQL database %s: buffer cache hit ratio %.1f%% since %s (%s) — reads go to"
                                    + " disk; shared_buffers may be too small for the working set",
                            database.getOrDefault("database", "?"),
                            100 * now[0],
                            split,
                            baseline),
                    List.of(evidence)));
        }
        return findings;
    }

    /** {hit ratio, blocks asked for} from the counters' rise over {@code window}. */
    private static double[] ratio(History window, Map<String, String> database) {
        double hit = increase(window.series("postgres.blocks.hit.total", database));
        double read = increase(window.series("postgres.blocks.read.total", database));
        double total = hit + read;
        return new double[] {total > 0 ? hit / total : Double.NaN, total};
    }

    private static double increase(List<Series> series) {
        return series.isEmpty() ? 0 : SeriesStats.increase(series.get(0));
    }
}
