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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * POOL_EXHAUSTED: a connection pool at its cap. Two views: the server's ({@code postgres.connections.used.ratio},
 * client connections against {@code max_connections} — seed 002's {@code connection_pool_utilization} thresholds, 80 %
 * warning and 95 % critical, held for most of the window) and an application's Hikari pool (scraped {@code
 * hikaricp_connections_pending}: callers waiting for a connection while {@code hikaricp_connections_active} is at
 * {@code hikaricp_connections_max}; {@code hikaricp_connections_timeout_total} rising means callers gave up).
 */
final class PoolExhaustedDetector implements Detector {

    static final double WARNING_RATIO = 0.80;
    static final double CRITICAL_RATIO = 0.95;
    /** The share of the window a pool must be at its cap (or callers waiting) to count, not a burst. */
    static final double MIN_SHARE = 0.5;
    /** Active connections at least this share of the maximum count as "at the cap". */
    static final double AT_CAP = 0.95;

    static final int MIN_POINTS = 5;

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public Category category() {
        return Category.DATABASE;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        List<Finding> findings = new ArrayList<>();
        Instant from = context.history().from();
        Instant to = context.now();
        for (Series used : context.history().series("postgres.connections.used.ratio")) {
            if (used.points().size() < MIN_POINTS) {
                continue;
            }
            double share = SeriesStats.shareAtOrAbove(used, WARNING_RATIO);
            if (share < MIN_SHARE) {
                continue;
            }
            double median = SeriesStats.quantile(used, 0.5);
            Level level = median >= CRITICAL_RATIO ? Level.CRITICAL : Level.WARNING;
            Evidence evidence = new Evidence(
                    used.name(),
                    used.labels(),
                    "share",
                    share,
                    ">=",
                    MIN_SHARE,
                    from,
                    to,
                    String.format(
                            Locale.ROOT,
                            "share of the window at or above %.0f%% of max_connections; median %.0f%%, max %.0f%%",
                            100 * WARNING_RATIO,
                            100 * median,
                            100 * SeriesStats.max(used)));
            findings.add(new Finding(
                    FindingKinds.POOL_EXHAUSTED,
                    Category.DATABASE,
                    level,
                    confidence(share, median / WARNING_RATIO),
                    subject(used, "target"),
                    String.format(
                            Locale.ROOT,
                            "PostgreSQL %s: connections at %.0f%% of max_connections (median) for %.0f%% of the"
                                    + " window — new clients will be refused",
                            used.labels().getOrDefault("target", "server"),
                            100 * median,
                            100 * share),
                    List.of(evidence)));
        }
        for (Series pending : context.history().series("hikaricp_connections_pending")) {
            Finding hikari = hikari(context, pending, from, to);
            if (hikari != null) {
                findings.add(hikari);
            }
        }
        return findings;
    }

    private static Finding hikari(AnalysisContext context, Series pending, Instant from, Instant to) {
        if (pending.points().size() < MIN_POINTS) {
            return null;
        }
        Map<String, String> pool = pending.labels();
        double waiting = SeriesStats.shareAtOrAbove(pending, 1);
        List<Series> max = context.history().series("hikaricp_connections_max", pool);
        List<Series> active = context.history().series("hikaricp_connections_active", pool);
        double cap = max.isEmpty() ? Double.NaN : SeriesStats.last(max.get(0));
        double atCap = active.isEmpty() || !(cap > 0) ? 0 : SeriesStats.shareAtOrAbove(active.get(0), AT_CAP * cap);
        List<Series> timeouts = context.history().series("hikaricp_connections_timeout_total", pool);
        double timedOut = timeouts.isEmpty() ? 0 : SeriesStats.increase(timeouts.get(0));
        if (waiting < MIN_SHARE || atCap < MIN_SHARE) {
            return null;
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(
                pending.name(),
                pool,
                "share",
                waiting,
                ">=",
                MIN_SHARE,
                from,
                to,
                String.format(
                        Locale.ROOT,
                        "share of the window with callers waiting for a connection; at most %.0f waiting",
                        SeriesStats.max(pending))));
        evidence.add(new Evidence(
                "hikaricp_connections_active",
                pool,
                "share",
                atCap,
                ">=",
                MIN_SHARE,
                from,
                to,
                String.format(
                        Locale.ROOT,
                        "share of the window with active connections at %.0f%% of max %.0f",
                        100 * AT_CAP,
                        cap)));
        if (timedOut > 0) {
            evidence.add(new Evidence(
                    "hikaricp_connections_timeout_total",
                    pool,
                    "increase",
                    timedOut,
                    ">",
                    0,
                    from,
                    to,
                    "callers that gave up waiting for a connection"));
        }
        Level level = timedOut > 0 ? Level.CRITICAL : Level.WARNING;
        return new Finding(
                FindingKinds.POOL_EXHAUSTED,
                Category.DATABASE,
                level,
                confidence(Math.min(waiting, atCap), 1 + (timedOut > 0 ? 0.5 : 0)),
                subject(pending, "target", "pool"),
                String.format(
                        Locale.ROOT,
                        "connection pool %s is at its cap of %.0f with callers waiting for %.0f%% of the window%s",
                        pool.getOrDefault("pool", "?"),
                        cap,
                        100 * waiting,
                        timedOut > 0 ? String.format(Locale.ROOT, "; %.0f calls timed out", timedOut) : ""),
                evidence);
    }

    /** Grows with how much of the window agrees and how far past the threshold (a ratio ≥ 1). */
    private static double confidence(double share, double pastThreshold) {
        return Math.min(1.0, 0.4 + 0.4 * share + 0.4 * Math.min(1, Math.max(0, pastThreshold - 1) * 2));
    }

    private static Map<String, String> subject(Series series, String... keys) {
        Map<String, String> subject = new java.util.TreeMap<>();
        for (String key : keys) {
            String value = series.labels().get(key);
            if (value != null) {
                subject.put(key, value);
            }
        }
        return subject;
    }
}
