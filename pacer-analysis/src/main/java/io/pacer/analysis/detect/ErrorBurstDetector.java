package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.SystemSupport.clock;
import static io.pacer.analysis.detect.SystemSupport.confidence;
import static io.pacer.analysis.detect.SystemSupport.number;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Error bursts, three ways:
 *
 * <ul>
 *   <li>HTTP: per scraped {@code target}, at least {@value #ERROR_SHARE} of the window's requests answered 5xx
 *       ({@code http_server_requests_seconds_count{status="5.."}}), at least {@value #MIN_ERRORS} of them among at least
 *       {@value #MIN_REQUESTS} requests; {@link Level#CRITICAL} from {@value #SEVERE_ERROR_SHARE}.
 *   <li>Health: a health URL down for at least {@value #MIN_DOWN_CHECKS} checks in a row — {@code health.up} 0, or the
 *       check failing outright ({@code collector.up{collector="health:<url>"}} 0, a refused connection); one failed
 *       check is a blip. {@link Level#CRITICAL} while it is still down at the window's end.
 *   <li>Lost events: a Pacer batcher dropped or rejected events within the window (the rise of
 *       {@code pacer_batcher_events_total{outcome="dropped"|"rejected"}}); {@link Level#CRITICAL} from
 *       {@value #SEVERE_DROP_SHARE} of the events offered. Its gauge {@code pacer_batcher_drop_rate_ratio} counts since
 *       the batcher started, so one old drop would keep it above 0 forever: it is read only where the counters are
 *       missing, and then only its rise within the window counts.
 * </ul>
 */
final class ErrorBurstDetector implements Detector {

    static final String REQUESTS = "http_server_requests_seconds_count";
    static final String HEALTH_UP = "health.up";
    static final String COLLECTOR_UP = "collector.up";
    static final String HEALTH_COLLECTOR = "health:";
    static final String EVENTS = "pacer_batcher_events_total";
    static final String DROP_RATE = "pacer_batcher_drop_rate_ratio";

    /** The share of requests answered 5xx that is a burst. */
    static final double ERROR_SHARE = 0.05;
    /** Critical, and full confidence, from this share of 5xx answers. */
    static final double SEVERE_ERROR_SHARE = 0.25;
    /** Fewer 5xx answers than this are no burst. */
    static final int MIN_ERRORS = 5;
    /** Fewer requests than this judge nothing. */
    static final int MIN_REQUESTS = 20;
    /** A health URL down for this many checks in a row is down. */
    static final int MIN_DOWN_CHECKS = 2;
    /** A run of this many failed checks gives full confidence from the run's length. */
    static final int CONFIDENT_DOWN_CHECKS = 5;
    /** Down for this share of the checks gives full confidence from the share. */
    static final double SEVERE_DOWN_SHARE = 0.5;
    /** Lost events at or above this share of those offered are critical. */
    static final double SEVERE_DROP_SHARE = 0.01;

    @Override
    public String name() {
        return "errors";
    }

    @Override
    public Category category() {
        return Category.INTEGRATION;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History h = context.history();
        List<Finding> findings = new ArrayList<>();
        http(h, findings);
        health(h, findings);
        drops(h, findings);
        return findings;
    }

    private static Map<String, List<Series>> byTarget(List<Series> series) {
        return series.stream()
                .collect(Collectors.groupingBy(
                        s -> s.labels().getOrDefault("target", ""), TreeMap::new, Collectors.toList()));
    }

    private void http(History h, List<Finding> findings) {
        byTarget(h.series(REQUESTS)).forEach((target, series) -> {
            double total = 0;
            double errors = 0;
            Map<String, Double> errorsByEndpoint = new TreeMap<>();
            List<Series> failing = new ArrayList<>();
            for (Series s : series) {
                double rise = SeriesStats.increase(s);
                total += rise;
                if (s.labels().getOrDefault("status", "").startsWith("5")) {
                    errors += rise;
                    failing.add(s);
                    String endpoint = (s.labels().getOrDefault("method", "") + " "
                                    + s.labels().getOrDefault("uri", ""))
                            .strip();
                    errorsByEndpoint.merge(endpoint, rise, Double::sum);
                }
            }
            double share = total > 0 ? errors / total : 0;
            if (total < MIN_REQUESTS || errors < MIN_ERRORS || share < ERROR_SHARE) {
                return;
            }
            String worst = errorsByEndpoint.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .filter(e -> !e.getKey().isEmpty())
                    .map(e -> ", most on " + e.getKey() + " (" + number(e.getValue()) + ")")
                    .orElse("");
            Instant since = firstRise(SeriesStats.sum(REQUESTS, Map.of(), failing));
            Map<String, String> subject = Map.of("target", target);
            findings.add(new Finding(
                    FindingKinds.ERROR_BURST,
                    Category.INTEGRATION,
                    share >= SEVERE_ERROR_SHARE ? Level.CRITICAL : Level.WARNING,
                    confidence(1, share, ERROR_SHARE, SEVERE_ERROR_SHARE),
                    subject,
                    percent(share) + " of " + number(total) + " requests to " + target + " answered 5xx over "
                            + SystemSupport.window(h.from(), h.to()) + " (" + number(errors) + " errors"
                            + (since == null ? "" : " since " + clock(since)) + worst + ")",
                    List.of(new Evidence(
                            REQUESTS,
                            subject,
                            "share_5xx",
                            share,
                            ">=",
                            ERROR_SHARE,
                            h.from(),
                            h.to(),
                            number(errors) + " of " + number(total) + " requests answered 5xx" + worst))));
        });
    }

    private void health(History h, List<Finding> findings) {
        Map<String, TreeMap<Instant, Boolean>> checks = new TreeMap<>();
        for (Series s : h.series(HEALTH_UP)) {
            TreeMap<Instant, Boolean> c =
                    checks.computeIfAbsent(s.labels().getOrDefault("target", ""), k -> new TreeMap<>());
            s.points().forEach(p -> c.merge(p.timestamp(), p.avg() >= 0.5, Boolean::logicalAnd));
        }
        for (Series s : h.series(COLLECTOR_UP)) {
            String collector = s.labels().getOrDefault("collector", "");
            if (!collector.startsWith(HEALTH_COLLECTOR)) {
                continue;
            }
            TreeMap<Instant, Boolean> c =
                    checks.computeIfAbsent(collector.substring(HEALTH_COLLECTOR.length()), k -> new TreeMap<>());
            s.points().stream().filter(p -> p.avg() < 0.5).forEach(p -> c.put(p.timestamp(), false));
        }
        checks.forEach((url, c) -> {
            int longest = 0;
            int run = 0;
            int down = 0;
            Instant runStart = null;
            Instant lastRunStart = null;
            for (Map.Entry<Instant, Boolean> e : c.entrySet()) {
                if (e.getValue()) {
                    run = 0;
                    continue;
                }
                down++;
                if (run++ == 0) {
                    runStart = e.getKey();
                }
                if (run >= MIN_DOWN_CHECKS) {
                    lastRunStart = runStart;
                }
                longest = Math.max(longest, run);
            }
            if (longest < MIN_DOWN_CHECKS) {
                return;
            }
            boolean downNow = run >= MIN_DOWN_CHECKS;
            double downShare = down / (double) c.size();
            Map<String, String> subject = Map.of("target", url);
            findings.add(new Finding(
                    FindingKinds.ERROR_BURST,
                    Category.INTEGRATION,
                    downNow ? Level.CRITICAL : Level.WARNING,
                    confidence(longest / (double) CONFIDENT_DOWN_CHECKS, downShare, 0, SEVERE_DOWN_SHARE),
                    subject,
                    "Health check " + url + (downNow ? " is down since " : " was down from ") + clock(lastRunStart)
                            + ": " + down + " of " + c.size() + " checks failed over "
                            + SystemSupport.window(h.from(), h.to()) + ", at most " + longest + " in a row",
                    List.of(new Evidence(
                            HEALTH_UP,
                            subject,
                            "longest_down_run_checks",
                            longest,
                            ">=",
                            MIN_DOWN_CHECKS,
                            h.from(),
                            h.to(),
                            "failed " + down + " of " + c.size() + " checks (" + percent(downShare) + "), counting "
                                    + COLLECTOR_UP + "{collector=" + HEALTH_COLLECTOR + url + "} 0 as failed"))));
        });
    }

    private void drops(History h, List<Finding> findings) {
        Map<Map<String, String>, double[]> byBatcher = new LinkedHashMap<>();
        Map<Map<String, String>, List<Series>> lostSeries = new LinkedHashMap<>();
        for (Series s : h.series(EVENTS)) {
            Map<String, String> batcher = SystemSupport.without(s.labels(), "outcome");
            String outcome = s.labels().getOrDefault("outcome", "");
            double rise = SeriesStats.increase(s);
            double[] acc = byBatcher.computeIfAbsent(batcher, k -> new double[2]); // offered, lost
            switch (outcome) {
                case "accepted" -> acc[0] += rise;
                case "dropped", "rejected" -> {
                    acc[0] += rise;
                    acc[1] += rise;
                    lostSeries.computeIfAbsent(batcher, k -> new ArrayList<>()).add(s);
                }
                default -> {
                    // delivered and failed are outcomes of accepted events, counted once as accepted
                }
            }
        }
        byBatcher.forEach((batcher, acc) -> {
            if (acc[1] < 1) {
                return;
            }
            double share = acc[0] > 0 ? acc[1] / acc[0] : 1;
            Instant since = firstRise(SeriesStats.sum(EVENTS, Map.of(), lostSeries.get(batcher)));
            findings.add(lost(
                    h,
                    batcher,
                    EVENTS,
                    "lost_events",
                    acc[1],
                    1,
                    share,
                    since,
                    number(acc[1]) + " of " + number(acc[0]) + " events offered were dropped or rejected ("
                            + percent(share) + ")"));
        });
        for (Series s : h.series(DROP_RATE)) {
            if (byBatcher.containsKey(s.labels()) || s.points().size() < 2) {
                continue;
            }
            double first = s.points().get(0).avg();
            double rise = SeriesStats.last(s) - first;
            if (rise > 0) {
                Instant since = firstRise(s);
                findings.add(lost(
                        h,
                        s.labels(),
                        DROP_RATE,
                        "rise",
                        rise,
                        0,
                        rise,
                        since,
                        "the share of events lost since the batcher started rose from " + percent(first) + " to "
                                + percent(SeriesStats.last(s))));
            }
        }
    }

    private static Finding lost(
            History h,
            Map<String, String> batcher,
            String series,
            String statistic,
            double observed,
            double threshold,
            double share,
            Instant since,
            String how) {
        String name = batcher.getOrDefault("batcher", "?");
        return new Finding(
                FindingKinds.ERROR_BURST,
                Category.INTEGRATION,
                share >= SEVERE_DROP_SHARE ? Level.CRITICAL : Level.WARNING,
                confidence(1, share, 0, SEVERE_DROP_SHARE),
                batcher,
                "Batcher " + name + " on " + batcher.getOrDefault("target", "?") + " lost events over "
                        + SystemSupport.window(h.from(), h.to()) + (since == null ? "" : " since " + clock(since))
                        + ": " + how,
                List.of(new Evidence(series, batcher, statistic, observed, ">=", threshold, h.from(), h.to(), how)));
    }

    /** The first instant a (summed) counter rose above its first value; null if it never did. */
    private static Instant firstRise(Series s) {
        List<Point> points = s.points();
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).avg() > points.get(i - 1).avg()) {
                return points.get(i).timestamp();
            }
        }
        return null;
    }
}
