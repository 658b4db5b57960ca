package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.SystemSupport.bytes;
import static io.pacer.analysis.detect.SystemSupport.confidence;
import static io.pacer.analysis.detect.SystemSupport.number;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Category;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.analysis.Level;
import io.pacer.analysis.SeriesStats;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Heap leak suspicion: the floor of a JVM's heap — its low points, what is left after each GC — only grows. The
 * window is cut into {@value #PARTS} equal parts and each part's lowest post-GC low is a floor (see {@link #floors});
 * at least {@value #MIN_FLOORS} parts must have one, and the floors must rise
 * consistently (Kendall's agreement at or above {@value #AGREEMENT}) and their Theil-Sen slope, over the window, must
 * add at least {@link #MIN_GROWTH_BYTES} and {@value #MIN_GROWTH_SHARE} of the first floor. A heap that fills and
 * empties (the saw of normal allocation) has a flat floor; a cache warming up rises by a little and stops, which the
 * growth and agreement thresholds leave out. Where the heap's max is known, the projected time until the floor reaches
 * it is given; {@link Level#CRITICAL} when that is within {@link #EXHAUSTION_SOON}. Read per JVM ({@code target}) from
 * the monitor's {@code jvm.memory.heap.used.bytes} / {@code .max.bytes} and from scraped Micrometer meters,
 * {@code jvm_memory_used_bytes{area="heap"}} / {@code jvm_memory_max_bytes{area="heap"}} summed over the pools.
 */
final class HeapLeakDetector implements Detector {

    static final String USED = "jvm.memory.heap.used.bytes";
    static final String MAX = "jvm.memory.heap.max.bytes";
    static final String SCRAPED_USED = "jvm_memory_used_bytes";
    static final String SCRAPED_MAX = "jvm_memory_max_bytes";

    /** The window is cut into this many parts, each giving one floor. */
    static final int PARTS = 10;
    /** At least this many parts must have a GC in them (a floor). */
    static final int MIN_FLOORS = 6;
    /** A fall of the heap by at least this share between two raw points is a GC. */
    static final double GC_DROP = 0.05;
    /** How consistently the floors must rise (Kendall's S over pairs, -1..1). */
    static final double AGREEMENT = 0.6;
    /** The least growth of the floor over the window that counts: 64 MiB. */
    static final double MIN_GROWTH_BYTES = 64.0 * 1024 * 1024;
    /** The least growth relative to the first floor. */
    static final double MIN_GROWTH_SHARE = 0.20;
    /** A floor that doubles over the window gives full confidence from growth. */
    static final double SEVERE_GROWTH_SHARE = 1.0;
    /** A projected exhaustion within this is critical. */
    static final Duration EXHAUSTION_SOON = Duration.ofHours(1);
    /** Projections beyond this are said as this much: a year of extrapolation is already no forecast. */
    static final Duration MAX_PROJECTION = Duration.ofDays(365);

    @Override
    public String name() {
        return "heap";
    }

    @Override
    public Category category() {
        return Category.SYSTEM;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History h = context.history();
        List<Finding> findings = new ArrayList<>();
        for (Series used : h.series(USED)) {
            Map<String, String> subject = used.labels();
            double max = h.series(MAX, subject).stream()
                    .mapToDouble(SeriesStats::last)
                    .filter(m -> m > 0)
                    .findFirst()
                    .orElse(Double.NaN);
            judge(h, USED, used, max, subject, findings);
        }
        Map<String, List<Series>> pools = byTarget(h.series(SCRAPED_USED, Map.of("area", "heap")));
        Map<String, List<Series>> maxPools = byTarget(h.series(SCRAPED_MAX, Map.of("area", "heap")));
        pools.forEach((target, parts) -> {
            Map<String, String> subject = Map.of("target", target);
            Series used = SeriesStats.sum(SCRAPED_USED, subject, parts);
            double max = maxPools.getOrDefault(target, List.of()).stream()
                    .mapToDouble(SeriesStats::last)
                    .filter(m -> m > 0) // -1: a pool with no max of its own
                    .sum();
            judge(h, SCRAPED_USED, used, max > 0 ? max : Double.NaN, subject, findings);
        });
        return findings;
    }

    private static Map<String, List<Series>> byTarget(List<Series> series) {
        return series.stream()
                .collect(Collectors.groupingBy(
                        s -> s.labels().getOrDefault("target", ""), TreeMap::new, Collectors.toList()));
    }

    private void judge(
            History h, String name, Series used, double max, Map<String, String> subject, List<Finding> findings) {
        Series floors = floors(used);
        if (floors.points().size() < MIN_FLOORS) {
            return;
        }
        double[] v = SeriesStats.values(floors);
        double agreement = SeriesStats.monotony(v);
        List<Point> fp = floors.points();
        double hours =
                Duration.between(fp.get(0).timestamp(), fp.get(fp.size() - 1).timestamp())
                                .toMillis()
                        / 3_600_000.0;
        double slope = SeriesStats.slopePerHour(floors);
        double growth = slope * hours;
        double first = v[0];
        double growthShare = first > 0 ? growth / first : Double.POSITIVE_INFINITY;
        if (agreement < AGREEMENT || growth < MIN_GROWTH_BYTES || growthShare < MIN_GROWTH_SHARE) {
            return;
        }
        double lastFloor = v[v.length - 1];
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(
                name,
                subject,
                "floor_growth_over_window",
                growth,
                ">=",
                MIN_GROWTH_BYTES,
                h.from(),
                h.to(),
                "floors of " + fp.size() + " parts from " + bytes(first) + " to " + bytes(lastFloor) + ", Theil-Sen "
                        + bytes(slope) + "/h, agreement " + number(agreement) + " (at least " + number(AGREEMENT)
                        + "), growth " + SystemSupport.percent(growthShare) + " of the first floor"));
        Level level = Level.WARNING;
        String exhaustion = "";
        if (!Double.isNaN(max)) {
            double hoursLeft = Math.max(0, (max - lastFloor) / slope);
            Duration left = Duration.ofSeconds((long) Math.min(hoursLeft * 3600, MAX_PROJECTION.toSeconds()));
            evidence.add(new Evidence(
                    name,
                    subject,
                    "hours_until_floor_reaches_max",
                    hoursLeft,
                    "<=",
                    EXHAUSTION_SOON.toMinutes() / 60.0,
                    h.from(),
                    h.to(),
                    "max heap " + bytes(max)));
            exhaustion = "; at this rate the heap is full in about " + SystemSupport.span(left);
            if (left.compareTo(EXHAUSTION_SOON) <= 0) {
                level = Level.CRITICAL;
            }
        }
        String target = subject.getOrDefault("target", "");
        findings.add(new Finding(
                FindingKinds.HEAP_LEAK,
                Category.SYSTEM,
                level,
                confidence(agreement, growthShare, MIN_GROWTH_SHARE, SEVERE_GROWTH_SHARE),
                subject,
                "Heap of JVM " + (target.isEmpty() ? "" : target + " ") + "only grows: its floor after GC rose from "
                        + bytes(first) + " to " + bytes(lastFloor) + " over " + SystemSupport.window(h.from(), h.to())
                        + " (" + bytes(slope) + "/h)" + exhaustion + "; a leak is suspected",
                evidence));
    }

    /**
     * The floor of each of {@link #PARTS} equal parts of the series' span: the lowest of the part's post-GC lows.
     * Raw points give a low where the heap fell by at least {@link #GC_DROP} (the bottom of the fall); a rollup point's
     * min is its bucket's low. A part with no GC in it gives no floor, since its lowest point is only how far the
     * heap had filled — without that rule a heap filling for the whole window would read as a leak.
     */
    static Series floors(Series used) {
        List<Point> points = used.points();
        if (points.size() < 2) {
            return new Series(used.name(), used.labels(), Resolution.RAW, List.of());
        }
        List<Point> lows = new ArrayList<>();
        if (used.resolution() != Resolution.RAW) {
            lows.addAll(points);
        } else {
            for (int i = 1; i < points.size(); i++) {
                if (points.get(i).avg() < points.get(i - 1).avg() * (1 - GC_DROP)) {
                    while (i + 1 < points.size()
                            && points.get(i + 1).avg() < points.get(i).avg()) {
                        i++;
                    }
                    lows.add(points.get(i));
                }
            }
        }
        Instant first = points.get(0).timestamp();
        long span = Duration.between(first, points.get(points.size() - 1).timestamp())
                        .toMillis()
                + 1;
        Point[] floors = new Point[PARTS];
        for (Point p : lows) {
            int part = (int)
                    Math.min(PARTS - 1, Duration.between(first, p.timestamp()).toMillis() * PARTS / span);
            if (floors[part] == null || p.min() < floors[part].min()) {
                floors[part] = p;
            }
        }
        List<Point> kept = new ArrayList<>();
        for (Point low : floors) {
            if (low != null) {
                kept.add(new Point(low.timestamp(), 1, low.min(), low.min(), low.min(), low.min(), null));
            }
        }
        return new Series(used.name(), used.labels(), used.resolution(), kept);
    }
}
