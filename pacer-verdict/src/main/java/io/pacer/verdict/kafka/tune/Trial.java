package io.pacer.verdict.kafka.tune;

import java.util.Objects;

/**
 * One measurement of the search: which candidate, in which round ({@code rung} 0 is the first, shortest), and what
 * it measured. Kafka's defaults are measured between every few candidates of a rung; {@code relativeThroughput} is the
 * candidate's throughput over the mean of the two default runs around it, so a machine that slows down mid-search
 * does not favour whoever ran first.
 *
 * @param candidate          the candidate's name
 * @param rung               the round, from 0
 * @param baseline           whether this run measured Kafka's defaults as the reference
 * @param figures            what it measured
 * @param relativeThroughput throughput over the bracketing default runs' mean (1.0 for the defaults themselves)
 * @param meetsTarget        every record acknowledged and p99 within the target
 */
public record Trial(
        String candidate, int rung, boolean baseline, Figures figures, double relativeThroughput, boolean meetsTarget) {
    public Trial {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(figures, "figures");
    }
}
