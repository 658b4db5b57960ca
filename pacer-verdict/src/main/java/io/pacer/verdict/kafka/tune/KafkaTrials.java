package io.pacer.verdict.kafka.tune;

import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.KafkaSetupException;
import io.pacer.kafka.TopicSpec;
import io.pacer.load.IntervalStats;
import io.pacer.load.Limit;
import io.pacer.load.LoadEngine;
import io.pacer.load.LoadRun;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Pacing;
import io.pacer.load.RunListener;
import io.pacer.load.Warmup;
import io.pacer.load.Workload;
import io.pacer.load.kafka.KafkaDrivers;
import io.pacer.load.kafka.KafkaProduceSettings;
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

    static final long RETENTION_BYTES = 256L << 20;
    static final long SEGMENT_BYTES = 32L << 20;
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    static final Duration INTERVAL = Duration.ofMillis(250);

    private final TuneSettings settings;
    private final RunListener intervals;
    private volatile LoadRun current;
    private volatile boolean stopped;

    KafkaTrials(TuneSettings settings, TuneListener listener) {
        this.settings = settings;
        this.intervals = new RunListener() {
            @Override
            public void onInterval(IntervalStats stats) {
                listener.onInterval(stats);
            }
        };
    }

    /**
     * The cluster answers within 10 s and the topic exists; a topic created here keeps at most
     * {@link #RETENTION_BYTES} per partition, since a tune run writes throughput × budget bytes.
     */
    @Override
    public void prepare() {
        KafkaProduceSettings produce = settings.produce();
        KafkaConnection connection = KafkaConnection.of(produce.bootstrapServers())
                .withClientProperties(produce.producerProperties())
                .withNames(new KafkaConnection.SettingNames("--bootstrap", "-P / --producer-config", "--topic"));
        try (KafkaSetup setup = KafkaSetup.connect(connection)) {
            setup.ensureTopic(new TopicSpec(
                    produce.topic(),
                    produce.partitions(),
                    produce.replicationFactor(),
                    Map.of(
                            "retention.bytes", String.valueOf(RETENTION_BYTES),
                            "segment.bytes", String.valueOf(SEGMENT_BYTES))));
        } catch (KafkaSetupException e) {
            throw new LoadSetupException(e);
        }
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
        LoadRun run = LoadEngine.start(
                workload,
                KafkaDrivers.produce(settings.produce().withProducerProperties(properties)),
                intervals,
                Map.of("command", "kafka tune", "candidate", candidate.name()));
        current = run;
        if (stopped) {
            run.stop();
        }
        try {
            return Figures.of(run.await());
        } finally {
            current = null;
        }
    }

    @Override
    public void stop() {
        stopped = true;
        LoadRun run = current;
        if (run != null) {
            run.stop();
        }
    }
}
