package io.pacer.verdict.kafka.tune;

import io.pacer.load.Limit;
import io.pacer.load.LoadEngine;
import io.pacer.load.Pacing;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.Warmup;
import io.pacer.load.Workload;
import io.pacer.load.kafka.KafkaDrivers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A candidate's run on a real cluster: the producer test of {@code pacer kafka produce} (same engine, same driver)
 * with the candidate's properties laid over the workload's, after a short warm-up that the figures exclude.
 */
final class KafkaTrials implements Trials {

    /** Excluded from every run's figures: the producer's first metadata fetch, the JIT, the first batches. */
    static final Duration WARMUP = Duration.ofMillis(500);

    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    static final Duration INTERVAL = Duration.ofMillis(250);

    private final TuneSettings settings;

    KafkaTrials(TuneSettings settings) {
        this.settings = settings;
    }

    @Override
    public Figures run(Candidate candidate, Duration length) throws InterruptedException {
        Map<String, String> properties = new LinkedHashMap<>(settings.produce().producerProperties());
        properties.putAll(candidate.properties());
        Pacing pacing = settings.ratePerSecond() > 0 ? Pacing.open(settings.ratePerSecond()) : Pacing.unlimited();
        Workload workload = new Workload(
                pacing,
                1,
                Limit.duration(length),
                Warmup.fixed(WARMUP),
                settings.maxOutstanding(),
                DRAIN_TIMEOUT,
                INTERVAL);
        RunResult run = LoadEngine.run(
                workload,
                KafkaDrivers.produce(settings.produce().withProducerProperties(properties)),
                RunListener.NONE,
                Map.of("command", "kafka tune", "candidate", candidate.name()));
        return Figures.of(run);
    }
}
