package io.pacer.monitor.live;

import io.pacer.monitor.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Derives seed 000's stream series — what {@code DefaultRules.stream()} watches — from the batcher meters of a
 * scraped application built on Pacer's library, so the default rules judge what really arrives. Per
 * {@code (target, batcher)}:
 *
 * <ul>
 *   <li>{@value #LATENCY_P95}: {@code pacer_batcher_latency_<unit>{quantile="0.95"}} in seconds (the batcher's
 *       offer-to-acknowledgement P95 since it started, as the application reports it);
 *   <li>{@value #THROUGHPUT}: the rate of {@code pacer_batcher_events_total{outcome="delivered"}} between two scrapes;
 *   <li>{@value #ERROR_RATIO}: of the events that ended between two scrapes, the share that did not arrive — {@code
 *       Δ(failed + dropped + rejected) / Δ(delivered + failed + dropped + rejected)}; nothing when no event ended.
 * </ul>
 *
 * Rates need two scrapes, so the first scrape of a target yields only the latency; a counter that went down (the
 * application restarted) starts over. Thread-safe: several scrape collectors hand their batches in at once.
 */
public final class StreamSeries {
    public static final String LATENCY_P95 = "stream.latency.p95.seconds";
    public static final String THROUGHPUT = "stream.throughput.per_second";
    public static final String ERROR_RATIO = "stream.error.ratio";

    private static final String EVENTS = "pacer_batcher_events_total";
    private static final String LATENCY = "pacer_batcher_latency";
    private static final Set<String> FAILED = Set.of("failed", "dropped", "rejected");

    private record Counts(Instant at, double delivered, double failed) {}

    private final Map<Map<String, String>, Counts> previous = new HashMap<>();

    /** The stream samples {@code scraped} (one collection of one collector) gives; empty when it holds no batcher. */
    public synchronized List<Sample> derive(List<Sample> scraped) {
        Map<Map<String, String>, double[]> counts = new LinkedHashMap<>();
        Map<Map<String, String>, Instant> at = new HashMap<>();
        List<Sample> derived = new ArrayList<>();
        for (Sample s : scraped) {
            if (s.name().equals(EVENTS) && s.labels().containsKey("outcome")) {
                Map<String, String> key = key(s);
                double[] c = counts.computeIfAbsent(key, k -> new double[2]);
                String outcome = s.labels().get("outcome");
                if (outcome.equals("delivered")) {
                    c[0] += s.value();
                } else if (FAILED.contains(outcome)) {
                    c[1] += s.value();
                }
                at.merge(key, s.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
            } else if (s.name().startsWith(LATENCY) && "0.95".equals(s.labels().get("quantile"))) {
                double perSecond = unitsPerSecond(s.name().substring(LATENCY.length()));
                if (perSecond > 0) {
                    derived.add(Sample.of(LATENCY_P95, key(s), s.timestamp(), s.value() / perSecond));
                }
            }
        }
        counts.forEach((key, c) -> {
            Instant now = at.get(key);
            Counts before = previous.put(key, new Counts(now, c[0], c[1]));
            if (before == null || !now.isAfter(before.at()) || c[0] < before.delivered() || c[1] < before.failed()) {
                return;
            }
            double seconds = Duration.between(before.at(), now).toNanos() / 1e9;
            double delivered = c[0] - before.delivered();
            double failed = c[1] - before.failed();
            derived.add(Sample.of(THROUGHPUT, key, now, delivered / seconds));
            if (delivered + failed > 0) {
                derived.add(Sample.of(ERROR_RATIO, key, now, failed / (delivered + failed)));
            }
        });
        return derived;
    }

    /** The series' identity: its target and batcher. */
    private static Map<String, String> key(Sample s) {
        Map<String, String> key = new TreeMap<>();
        for (String label : new String[] {"target", "batcher"}) {
            String v = s.labels().get(label);
            if (v != null) {
                key.put(label, v);
            }
        }
        return Map.copyOf(key);
    }

    /** How many of the name's unit make a second; 0 for a unit that is not a time. */
    private static double unitsPerSecond(String suffix) {
        return switch (suffix) {
            case "_microseconds" -> 1e6;
            case "_milliseconds" -> 1e3;
            case "_seconds", "" -> 1;
            default -> 0;
        };
    }
}
