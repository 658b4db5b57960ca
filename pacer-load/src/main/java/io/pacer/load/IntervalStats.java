package io.pacer.load;

import io.pacer.metrics.Percentiles;
import java.util.Map;
import java.util.Objects;

/**
 * What happened in one reporting interval: the live figures a progress display shows, and one point of the
 * run's time series. Operations are counted in the interval in which they completed; {@code started} in the
 * interval in which the engine handed them to the driver.
 *
 * @param index                 0-based position in the run, warm-up intervals included
 * @param offsetMillis          start of the interval, ms after the run began
 * @param lengthMillis          length of the interval, ms (the last one may be shorter)
 * @param warmup                whether the interval belongs to the warm-up (excluded from the measured totals)
 * @param started               operations handed to the driver in the interval
 * @param operations            operations completed in the interval ({@code ok + failed})
 * @param ok                    of those, successful
 * @param failed                of those, failed
 * @param records               records the completed operations moved
 * @param bytes                 payload bytes the completed operations moved
 * @param operationsPerSecond   completed operations per second
 * @param recordsPerSecond      records per second
 * @param megabytesPerSecond    payload MB per second (1 MB = 2<sup>20</sup> bytes, as Kafka's perf tools count)
 * @param targetRate            operations per second the schedule asked for, 0 when there is no schedule
 * @param startRate             operations started per second: the rate the generator achieved
 * @param maxScheduleLagMicros  the most an operation started late in the interval, µs (waiting for a free
 *                              {@link Workload#maxOutstanding()} slot included)
 * @param latency               latency of the completed operations, µs from their intended start
 * @param gauges                {@link Driver#gauges()} sampled at the end of the interval
 */
public record IntervalStats(
        int index,
        long offsetMillis,
        long lengthMillis,
        boolean warmup,
        long started,
        long operations,
        long ok,
        long failed,
        long records,
        long bytes,
        double operationsPerSecond,
        double recordsPerSecond,
        double megabytesPerSecond,
        double targetRate,
        double startRate,
        long maxScheduleLagMicros,
        Percentiles latency,
        Map<String, Double> gauges) {

    public IntervalStats {
        Objects.requireNonNull(latency, "latency");
        gauges = Map.copyOf(gauges);
    }
}
