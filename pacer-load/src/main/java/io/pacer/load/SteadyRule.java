package io.pacer.load;

import java.util.List;

/**
 * When an automatic warm-up may end: over the last {@link #WINDOW} intervals, each interval's throughput is within
 * ±{@link #THROUGHPUT_TOLERANCE} of their mean and each p99 within ±{@link #P99_TOLERANCE} of their mean p99, and
 * every interval completed operations. Latency gets the wider band because a p99 over one interval is noisier than
 * a count.
 */
final class SteadyRule {

    static final int WINDOW = 3;
    static final double THROUGHPUT_TOLERANCE = 0.10;
    static final double P99_TOLERANCE = 0.25;

    private SteadyRule() {}

    /** Whether the run is steady at the end of {@code intervals} (all of them so far, oldest first). */
    static boolean steady(List<IntervalStats> intervals) {
        if (intervals.size() < WINDOW) {
            return false;
        }
        List<IntervalStats> window = intervals.subList(intervals.size() - WINDOW, intervals.size());
        double meanThroughput = 0;
        double meanP99 = 0;
        for (IntervalStats s : window) {
            if (s.operations() == 0) {
                return false;
            }
            meanThroughput += s.operationsPerSecond() / WINDOW;
            meanP99 += (double) s.latency().p99() / WINDOW;
        }
        for (IntervalStats s : window) {
            if (Math.abs(s.operationsPerSecond() - meanThroughput) > THROUGHPUT_TOLERANCE * meanThroughput) {
                return false;
            }
            if (Math.abs(s.latency().p99() - meanP99) > P99_TOLERANCE * meanP99) {
                return false;
            }
        }
        return true;
    }
}
