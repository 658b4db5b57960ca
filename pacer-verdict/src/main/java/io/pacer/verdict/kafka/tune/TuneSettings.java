package io.pacer.verdict.kafka.tune;

import io.pacer.internal.Check;
import io.pacer.load.kafka.KafkaProduceSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * A tune run: the workload to tune for, the latency target and the time it may take.
 *
 * @param produce        the producer workload: cluster, topic, record size or payload file, keys, clients and base
 *                       properties (security settings, say) that every candidate's properties are laid over
 * @param ratePerSecond  records per second to offer, or 0 for as fast as the producer accepts (bounded by {@code
 *                       maxOutstanding})
 * @param maxOutstanding records sent but not yet acknowledged, at most; with an unlimited rate the p99 is roughly
 *                       this over the throughput, so it is part of the workload
 * @param targetP99      a candidate meets the target when its p99 send-to-ack latency is at most this and nothing
 *                       failed
 * @param budget         the whole tune run, confirmation included, ends within this
 * @param durability     whether weaker acknowledgements may be tried
 * @param seed           the seed of the candidate sample: the same seed tries the same candidates
 */
public record TuneSettings(
        KafkaProduceSettings produce,
        double ratePerSecond,
        int maxOutstanding,
        Duration targetP99,
        Duration budget,
        Durability durability,
        long seed) {

    public static final Duration DEFAULT_TARGET_P99 = Duration.ofMillis(50);
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(5);
    /** Shorter budgets cannot compare even four candidates, twice, with a confirmation. */
    public static final Duration MIN_BUDGET = Duration.ofSeconds(45);

    public static final Duration MAX_BUDGET = Duration.ofHours(24);
    /**
     * Enough records in flight that batching settings matter: Kafka's defaults carry at most about 4,500 records of
     * 100 B per round trip to one broker with six partitions (5 requests × 6 batches × 16 KiB); beyond that records
     * wait in the producer for round trips, which is what {@code batch.size} and {@code linger.ms} change.
     */
    public static final int DEFAULT_MAX_OUTSTANDING = 5_000;

    public static final long DEFAULT_SEED = 1;

    public TuneSettings {
        Objects.requireNonNull(produce, "produce");
        Check.argument(
                ratePerSecond == 0 || (ratePerSecond > 0 && Double.isFinite(ratePerSecond)),
                "ratePerSecond must be > 0 records/s, or 0 for unlimited, but was " + ratePerSecond);
        Check.range("maxOutstanding", maxOutstanding, 1, 1_000_000);
        Objects.requireNonNull(targetP99, "targetP99");
        Check.duration("targetP99", targetP99, Duration.ofMillis(1), Duration.ofMinutes(10));
        Objects.requireNonNull(budget, "budget");
        Check.duration("budget", budget, MIN_BUDGET, MAX_BUDGET);
        Objects.requireNonNull(durability, "durability");
    }

    /** Defaults for everything but the workload: unlimited rate, p99 ≤ 50 ms, 5 minutes, strict durability. */
    public static TuneSettings of(KafkaProduceSettings produce) {
        return new TuneSettings(
                produce,
                0,
                DEFAULT_MAX_OUTSTANDING,
                DEFAULT_TARGET_P99,
                DEFAULT_BUDGET,
                Durability.STRICT,
                DEFAULT_SEED);
    }

    public TuneSettings withBudget(Duration newBudget) {
        return new TuneSettings(produce, ratePerSecond, maxOutstanding, targetP99, newBudget, durability, seed);
    }

    public TuneSettings withTargetP99(Duration newTarget) {
        return new TuneSettings(produce, ratePerSecond, maxOutstanding, newTarget, budget, durability, seed);
    }
}
