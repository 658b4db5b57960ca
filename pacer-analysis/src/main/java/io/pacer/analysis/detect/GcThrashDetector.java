package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.SystemSupport.confidence;
import static io.pacer.analysis.detect.SystemSupport.percent;

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
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * GC thrash: a JVM spends at least {@value #THRASH} of its time collecting garbage, over the whole window and in at
 * least {@value #AGREEING} of its {@value #PARTS} equal parts — one long full GC is no thrash. Read per JVM
 * ({@code target}) from the monitor's {@code jvm.gc.time.seconds.total} (summed over its collectors) and from scraped
 * Micrometer meters, {@code jvm_gc_pause_seconds_sum}. Only stop-the-world time counts: collectors the JVM names
 * {@code … Concurrent …} or {@code … Cycles} (G1's concurrent marking, ZGC and Shenandoah cycles) run beside the
 * application and are left out. {@link Level#CRITICAL} at or above {@value #SEVERE}.
 */
final class GcThrashDetector implements Detector {

    static final String MONITOR = "jvm.gc.time.seconds.total";
    static final String SCRAPED = "jvm_gc_pause_seconds_sum";

    /** The share of time in GC that is thrash. */
    static final double THRASH = 0.10;
    /** The share at which the finding is critical and its confidence full. */
    static final double SEVERE = 0.25;
    /** The window is judged in this many equal parts ... */
    static final int PARTS = 4;
    /** ... of which this many must be at or above {@link #THRASH} on their own. */
    static final int AGREEING = 3;
    /** Fewer points per collector than this judge nothing. */
    static final int MIN_POINTS = 5;

    @Override
    public String name() {
        return "gc";
    }

    @Override
    public Category category() {
        return Category.SYSTEM;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History h = context.history();
        List<Finding> findings = new ArrayList<>();
        judge(h, MONITOR, "gc", findings);
        judge(h, SCRAPED, "gc", findings);
        return findings;
    }

    private void judge(History h, String name, String gcLabel, List<Finding> findings) {
        Map<String, List<Series>> byTarget = h.series(name).stream()
                .filter(s -> s.points().size() >= MIN_POINTS)
                .filter(s -> !concurrent(s.labels().getOrDefault(gcLabel, "")))
                .collect(Collectors.groupingBy(
                        s -> s.labels().getOrDefault("target", ""), TreeMap::new, Collectors.toList()));
        byTarget.forEach((target, collectors) -> {
            Instant first = collectors.stream()
                    .map(s -> s.points().get(0).timestamp())
                    .min(Instant::compareTo)
                    .orElseThrow();
            Instant last = collectors.stream()
                    .map(s -> s.points().get(s.points().size() - 1).timestamp())
                    .max(Instant::compareTo)
                    .orElseThrow();
            Duration covered = Duration.between(first, last);
            if (covered.isZero()) {
                return;
            }
            double share = share(collectors, first, last.plusMillis(1));
            double[] parts = new double[PARTS];
            int agreeing = 0;
            for (int i = 0; i < PARTS; i++) {
                Instant a = first.plus(covered.multipliedBy(i).dividedBy(PARTS));
                Instant b = i == PARTS - 1
                        ? last.plusMillis(1)
                        : first.plus(covered.multipliedBy(i + 1).dividedBy(PARTS));
                parts[i] = share(collectors, a, b);
                agreeing += parts[i] >= THRASH ? 1 : 0;
            }
            if (share < THRASH || agreeing < AGREEING) {
                return;
            }
            String partsText =
                    Arrays.stream(parts).mapToObj(SystemSupport::percent).collect(Collectors.joining(", "));
            String names = collectors.stream()
                    .map(s -> s.labels().getOrDefault(gcLabel, "?"))
                    .distinct()
                    .collect(Collectors.joining(", "));
            Map<String, String> subject = target.isEmpty() ? Map.of() : Map.of("target", target);
            Evidence evidence = new Evidence(
                    name,
                    subject,
                    "time_share",
                    share,
                    ">=",
                    THRASH,
                    h.from(),
                    h.to(),
                    "per quarter of the window: " + partsText + "; collectors: " + names);
            findings.add(new Finding(
                    FindingKinds.GC_THRASH,
                    Category.SYSTEM,
                    share >= SEVERE ? Level.CRITICAL : Level.WARNING,
                    confidence(agreeing / (double) PARTS, share, THRASH, SEVERE),
                    subject,
                    "JVM " + (target.isEmpty() ? "" : target + " ") + "spent " + percent(share)
                            + " of its time in GC pauses over " + SystemSupport.window(h.from(), h.to()) + " ("
                            + agreeing + " of " + PARTS + " quarters at or above " + percent(THRASH)
                            + "): the heap is too small for the live data, or something allocates furiously",
                    List.of(evidence)));
        });
    }

    /** Seconds of GC per second in {@code [a, b)}, summed over the collectors. */
    private static double share(List<Series> collectors, Instant a, Instant b) {
        double gc = 0;
        for (Series s : collectors) {
            gc += SeriesStats.increase(s, a, b);
        }
        Instant from = collectors.stream()
                .flatMap(s -> s.points().stream())
                .map(Point::timestamp)
                .filter(t -> !t.isAfter(a))
                .max(Instant::compareTo)
                .orElse(a);
        Instant to = collectors.stream()
                .flatMap(s -> s.points().stream())
                .map(Point::timestamp)
                .filter(t -> t.isBefore(b))
                .max(Instant::compareTo)
                .orElse(b);
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : gc / seconds;
    }

    /** Collectors that run beside the application rather than stopping it. */
    static boolean concurrent(String gc) {
        return gc.contains("Concurrent") || gc.contains("Cycles");
    }
}
