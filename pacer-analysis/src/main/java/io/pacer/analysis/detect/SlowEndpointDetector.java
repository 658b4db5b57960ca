package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.SystemSupport.clock;
import static io.pacer.analysis.detect.SystemSupport.confidence;
import static io.pacer.analysis.detect.SystemSupport.number;
import static io.pacer.analysis.detect.SystemSupport.seconds;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Slow endpoints: an HTTP endpoint (scraped {@code http_server_requests_seconds_*}, Micrometer's timer as Spring and
 * Javalin name it, one endpoint per {@code target}, {@code method} and {@code uri} over every status) or a health URL
 * ({@code health.latency.seconds{target}}) whose p95 over the window is at or above {@value #LIMIT_SECONDS} s, or whose
 * p95 in the window's last quarter is at least {@value #FACTOR} times its p95 in the window's first half (and at least
 * {@value #MIN_RELATIVE_SECONDS} s: 2 ms to 6 ms is no slow endpoint). The p95 comes from the histogram buckets'
 * increase over the part (interpolated within a bucket, as Prometheus's {@code histogram_quantile}); without buckets
 * from the summary's {@code quantile="0.95"} (the slowest status's), without either from the mean (sum over count).
 * Fewer than {@value #MIN_REQUESTS} requests in a part judge nothing. {@link Level#CRITICAL} at or above
 * {@value #SEVERE_SECONDS} s.
 */
final class SlowEndpointDetector implements Detector {

    static final String BUCKETS = "http_server_requests_seconds_bucket";
    static final String COUNT = "http_server_requests_seconds_count";
    static final String SUM = "http_server_requests_seconds_sum";
    static final String QUANTILES = "http_server_requests_seconds";
    static final String HEALTH = "health.latency.seconds";

    /** The quantile judged. */
    static final double QUANTILE = 0.95;
    /** A p95 at or above this is slow, whatever the endpoint did before. */
    static final double LIMIT_SECONDS = 1.0;
    /** Critical, and full confidence, from this p95 on. */
    static final double SEVERE_SECONDS = 5.0;
    /** A recent p95 this many times the earlier one is slow. */
    static final double FACTOR = 3.0;
    /** ... if it is at least this slow. */
    static final double MIN_RELATIVE_SECONDS = 0.1;
    /** The recent part: the window's last quarter. */
    static final double RECENT = 0.25;
    /** The earlier part: the window's first half. */
    static final double EARLIER = 0.5;
    /** Fewer requests (or health checks) than this in a part judge nothing: with fewer, one outlier is the p95. */
    static final int MIN_REQUESTS = 20;
    /** This many requests (or {@link #CONFIDENT_CHECKS} checks) give full confidence from numbers. */
    static final int CONFIDENT_REQUESTS = 200;
    /** See {@link #CONFIDENT_REQUESTS}. */
    static final int CONFIDENT_CHECKS = 60;
    /** Labels that tell outcomes of one endpoint apart rather than endpoints. */
    private static final String REQUESTS_NOUN = "requests";

    static final List<String> NOT_ENDPOINT = List.of("le", "status", "outcome", "exception", "error", "quantile");

    /**
     * A latency statistic over part of the window: which series it was read from, how many requests (or checks) it
     * rests on and what they are called.
     */
    record Latency(String series, String statistic, double seconds, double requests, String noun) {}

    @Override
    public String name() {
        return "endpoints";
    }

    @Override
    public Category category() {
        return Category.INTEGRATION;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History h = context.history();
        List<Finding> findings = new ArrayList<>();
        Set<Map<String, String>> endpoints = new LinkedHashSet<>();
        for (Series s : h.series(COUNT)) {
            endpoints.add(SystemSupport.without(s.labels(), NOT_ENDPOINT.toArray(String[]::new)));
        }
        for (Map<String, String> endpoint : endpoints) {
            judge(h, endpoint, (a, b) -> http(h, endpoint, a, b), MIN_REQUESTS, CONFIDENT_REQUESTS, findings);
        }
        for (Series s : h.series(HEALTH)) {
            judge(h, s.labels(), (a, b) -> health(s, a, b), MIN_REQUESTS, CONFIDENT_CHECKS, findings);
        }
        return findings;
    }

    private interface Part {
        Latency over(Instant from, Instant to);
    }

    private void judge(
            History h, Map<String, String> subject, Part latency, int min, int confident, List<Finding> findings) {
        Latency whole = latency.over(h.from(), h.to());
        Duration window = Duration.between(h.from(), h.to());
        Instant earlierEnd = h.from().plus(Duration.ofMillis((long) (window.toMillis() * EARLIER)));
        Instant recentStart = h.to().minus(Duration.ofMillis((long) (window.toMillis() * RECENT)));
        Latency earlier = latency.over(h.from(), earlierEnd);
        Latency recent = latency.over(recentStart, h.to());
        String what = describe(subject);
        if (whole.requests() >= min && whole.seconds() >= LIMIT_SECONDS) {
            findings.add(new Finding(
                    FindingKinds.SLOW_ENDPOINT,
                    Category.INTEGRATION,
                    whole.seconds() >= SEVERE_SECONDS ? Level.CRITICAL : Level.WARNING,
                    confidence(whole.requests() / confident, whole.seconds(), LIMIT_SECONDS, SEVERE_SECONDS),
                    subject,
                    what + ": " + whole.statistic() + " " + seconds(whole.seconds()) + " over "
                            + SystemSupport.window(h.from(), h.to()) + " (" + number(whole.requests())
                            + " " + whole.noun() + "), at or above the limit of " + seconds(LIMIT_SECONDS),
                    List.of(new Evidence(
                            whole.series(),
                            subject,
                            whole.statistic(),
                            whole.seconds(),
                            ">=",
                            LIMIT_SECONDS,
                            h.from(),
                            h.to(),
                            number(whole.requests()) + " " + whole.noun()))));
            return;
        }
        if (earlier.requests() < min || recent.requests() < min || !(earlier.seconds() > 0)) {
            return;
        }
        double ratio = recent.seconds() / earlier.seconds();
        if (ratio < FACTOR || recent.seconds() < MIN_RELATIVE_SECONDS) {
            return;
        }
        findings.add(new Finding(
                FindingKinds.SLOW_ENDPOINT,
                Category.INTEGRATION,
                Level.WARNING,
                confidence(Math.min(earlier.requests(), recent.requests()) / confident, ratio, FACTOR, 3 * FACTOR),
                subject,
                what + ": " + recent.statistic() + " rose to " + seconds(recent.seconds()) + " since "
                        + clock(recentStart) + ", " + number(ratio) + " times its " + seconds(earlier.seconds())
                        + " earlier in the window",
                List.of(
                        new Evidence(
                                recent.series(),
                                subject,
                                recent.statistic() + "_ratio_to_earlier",
                                ratio,
                                ">=",
                                FACTOR,
                                recentStart,
                                h.to(),
                                "earlier " + seconds(earlier.seconds()) + " over " + number(earlier.requests()) + " "
                                        + earlier.noun() + " from " + clock(h.from()) + "; recent "
                                        + seconds(recent.seconds()) + " over " + number(recent.requests())),
                        new Evidence(
                                recent.series(),
                                subject,
                                recent.statistic(),
                                recent.seconds(),
                                ">=",
                                MIN_RELATIVE_SECONDS,
                                recentStart,
                                h.to(),
                                "the least latency a relative rise counts from"))));
    }

    private static String describe(Map<String, String> subject) {
        String method = subject.getOrDefault("method", "");
        String uri = subject.getOrDefault("uri", "");
        String target = subject.getOrDefault("target", "?");
        return (method + " " + uri).isBlank() ? "Endpoint " + target : (method + " " + uri).strip() + " on " + target;
    }

    /** The p95 of an HTTP endpoint over {@code [a, b)}: buckets, else summary quantile, else mean. */
    private static Latency http(History h, Map<String, String> endpoint, Instant a, Instant b) {
        double requests = h.series(COUNT, endpoint).stream()
                .mapToDouble(s -> SeriesStats.increase(s, a, b))
                .sum();
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (Series s : h.series(BUCKETS, endpoint)) {
            String le = s.labels().get("le");
            if (le != null) {
                cumulative.merge(bound(le), SeriesStats.increase(s, a, b), Double::sum);
            }
        }
        if (!cumulative.isEmpty()) {
            return new Latency(BUCKETS, "p95", histogramQuantile(QUANTILE, cumulative), requests, REQUESTS_NOUN);
        }
        double summary = h.series(QUANTILES, endpoint).stream()
                .filter(s -> "0.95".equals(s.labels().get("quantile")))
                .mapToDouble(s -> Arrays.stream(inPart(s, a, b)).average().orElse(Double.NaN))
                .filter(Double::isFinite)
                .max()
                .orElse(Double.NaN);
        if (!Double.isNaN(summary)) {
            return new Latency(QUANTILES, "p95", summary, requests, REQUESTS_NOUN);
        }
        double sum = h.series(SUM, endpoint).stream()
                .mapToDouble(s -> SeriesStats.increase(s, a, b))
                .sum();
        return new Latency(SUM, "mean", requests > 0 ? sum / requests : Double.NaN, requests, REQUESTS_NOUN);
    }

    private static Latency health(Series s, Instant a, Instant b) {
        double[] v = inPart(s, a, b);
        return new Latency(HEALTH, "p95", SeriesStats.quantile(v, QUANTILE), v.length, "checks");
    }

    private static double[] inPart(Series s, Instant a, Instant b) {
        return s.points().stream()
                .filter(p -> !p.timestamp().isBefore(a) && p.timestamp().isBefore(b))
                .mapToDouble(Point::avg)
                .toArray();
    }

    private static double bound(String le) {
        return le.equalsIgnoreCase("+Inf") || le.equalsIgnoreCase("Inf")
                ? Double.POSITIVE_INFINITY
                : Double.parseDouble(le);
    }

    /**
     * The {@code q} quantile of a histogram given as cumulative counts per upper bound, interpolated linearly within
     * the bucket holding it (Prometheus's {@code histogram_quantile}); the largest finite bound when it falls in the
     * {@code +Inf} bucket; NaN for no observations.
     */
    static double histogramQuantile(double q, TreeMap<Double, Double> cumulative) {
        double total = cumulative.lastEntry().getValue();
        if (!(total > 0)) {
            return Double.NaN;
        }
        double rank = q * total;
        double previousBound = 0;
        double previousCount = 0;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            double count = e.getValue();
            if (count >= rank) {
                if (e.getKey().isInfinite()) {
                    return previousBound;
                }
                double inBucket = count - previousCount;
                return inBucket <= 0
                        ? e.getKey()
                        : previousBound + (e.getKey() - previousBound) * (rank - previousCount) / inBucket;
            }
            previousBound = e.getKey();
            previousCount = count;
        }
        return previousBound;
    }
}
