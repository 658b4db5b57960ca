package io.pacer.verdict.kafka.tune;

import io.pacer.load.RunResult;

/**
 * What one short run of a candidate measured: the engine's figures (latency from each record's intended start, or
 * from its actual start with an unlimited rate; warm-up excluded).
 *
 * @param runMillis            measured length, ms
 * @param operations           records sent in the measured part
 * @param failed               of those, failed (those still unacknowledged at the end included)
 * @param recordsPerSecond     records per second over the measured part
 * @param megabytesPerSecond   MB (2<sup>20</sup> bytes) per second
 * @param p50Micros            median send-to-ack latency, µs
 * @param p99Micros            99th percentile, µs
 * @param maxMicros            largest, µs
 */
public record Figures(
        long runMillis,
        long operations,
        long failed,
        double recordsPerSecond,
        double megabytesPerSecond,
        long p50Micros,
        long p99Micros,
        long maxMicros) {

    /** The figures of a finished run. */
    public static Figures of(RunResult run) {
        return new Figures(
                run.rates().measuredMillis(),
                run.counts().operations(),
                run.counts().failed(),
                run.rates().operationsPerSecond(),
                run.rates().megabytesPerSecond(),
                run.latency().p50(),
                run.latency().p99(),
                run.latency().max());
    }

    /** Whether every record was acknowledged and the p99 is within {@code targetP99Micros}. */
    public boolean meets(long targetP99Micros) {
        return failed == 0 && operations > 0 && p99Micros <= targetP99Micros;
    }
}
