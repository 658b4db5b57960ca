package io.pacer.analysis.action.agent;

import io.pacer.analysis.action.Verification;
import io.pacer.tune.Durations;
import java.util.Map;

/**
 * Which scraped series shows whether a tunable's change helped (the Prometheus names {@code BatcherMeters} and
 * {@code CacheMeters} publish, as the service stores them): a batcher's bigger batches or longer linger should raise
 * its batch size (fewer batches a second), smaller ones lower its p99 latency; more batches in flight should raise its throughput; a bigger
 * L1 should raise the cache's L1 hit ratio. Other tunables have no obvious series: null.
 *
 * <p>Bigger batches are judged by the batches per second, lower being better: the same events in fewer sink calls is
 * what batching is for, and the rate is per interval. The batcher's mean batch size counts every batch since the
 * batcher started, so an hour of small batches holds it down long after a change (the diagnosis bench saw a raised
 * {@code batch.maxEvents} judged "regressed" on it while the batches had grown).
 */
final class TunableVerifications {

    static final String BATCHES_RATE = "pacer_batcher_batches_rate_batches_s";
    static final String LATENCY = "pacer_batcher_latency_microseconds";
    static final String THROUGHPUT = "pacer_batcher_throughput_events_s";
    static final String HIT_RATIO = "pacer_cache_hit_ratio";

    private TunableVerifications() {}

    /**
     * @param namespace e.g. {@code batcher.orders}
     * @param tunable the name within it, e.g. {@code batch.maxEvents}
     * @param type the tunable's type as the agent names it ({@code Integer}, {@code Duration}, …)
     * @param before the value now, as the agent writes it
     * @param after the planned value
     */
    static Verification of(String namespace, String tunable, String type, String before, String after) {
        int dot = namespace.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String kind = namespace.substring(0, dot);
        String name = namespace.substring(dot + 1);
        int direction = direction(type, before, after);
        if (direction == 0) {
            return null;
        }
        if (kind.equals("batcher")) {
            Map<String, String> batcher = Map.of("batcher", name);
            return switch (tunable) {
                case "batch.maxEvents", "batch.linger" ->
                    direction > 0
                            ? verify(BATCHES_RATE, batcher, false)
                            : verify(LATENCY, Map.of("batcher", name, "quantile", "0.99"), false);
                case "batch.maxInFlight" -> direction > 0 ? verify(THROUGHPUT, batcher, true) : null;
                default -> null;
            };
        }
        if (kind.equals("cache") && tunable.startsWith("cache.l1.maximum") && direction > 0) {
            return verify(HIT_RATIO, Map.of("cache", name, "tier", "l1"), true);
        }
        return null;
    }

    private static Verification verify(String series, Map<String, String> labels, boolean higherIsBetter) {
        return new Verification(
                series, labels, higherIsBetter, Verification.DEFAULT_WINDOW, Verification.DEFAULT_TOLERANCE);
    }

    /** 1 when {@code after} is larger, -1 when smaller, 0 when equal or not a number or duration. */
    private static int direction(String type, String before, String after) {
        try {
            return switch (type) {
                case "Integer", "Long" -> Long.compare(Long.parseLong(after), Long.parseLong(before));
                case "Duration" ->
                    Durations.parse(after).compareTo(Durations.parse(before)) > 0
                            ? 1
                            : Durations.parse(after).equals(Durations.parse(before)) ? 0 : -1;
                default -> 0;
            };
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
