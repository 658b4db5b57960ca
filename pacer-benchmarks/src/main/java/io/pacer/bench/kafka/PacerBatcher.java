package io.pacer.bench.kafka;

import io.pacer.batch.AdaptivePolicy;
import io.pacer.batch.BatchPolicy;
import io.pacer.batch.Batcher;
import io.pacer.batch.BatcherBuilder;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchSink;
import io.pacer.sink.Sinks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.HdrHistogram.Recorder;

/**
 * A Pacer batcher (breaker, overflow, metrics all on, as an application runs it) in front of {@link Sinks#kafka}.
 * Latency is taken when the sink's stage for a batch completes, from each event's intended time.
 */
final class PacerBatcher implements Contender {
    private final Batcher<byte[]> batcher;
    private long refused;

    /**
     * @param policy batch size and linger; null for the builder's defaults
     * @param maxInFlight batches in flight; 0 for the builder's default
     * @param adaptive adaptive mode, or null
     */
    PacerBatcher(
            Map<String, Object> producerConfig,
            String topic,
            BatchPolicy policy,
            int maxInFlight,
            AdaptivePolicy adaptive,
            Recorder latency) {
        BatchSink<byte[]> kafka = Sinks.kafka(producerConfig, topic, (byte[] e) -> null, (byte[] e) -> e);
        BatcherBuilder<byte[], byte[]> builder = Batcher.<byte[]>builder().name("bench-kafka");
        if (policy != null) {
            builder.policy(policy);
        }
        if (maxInFlight > 0) {
            builder.maxInFlight(maxInFlight);
        }
        if (adaptive != null) {
            builder.adaptive(adaptive);
        }
        this.batcher = builder.build(new Timed(kafka, latency));
    }

    @Override
    public boolean send(byte[] event) {
        boolean accepted = batcher.offer(event);
        if (!accepted) {
            refused++;
        }
        return accepted;
    }

    @Override
    public void drain() throws InterruptedException {
        if (!batcher.flush(Duration.ofMinutes(5))) {
            throw new IllegalStateException("the batcher did not drain within 5 minutes: " + batcher.snapshot());
        }
    }

    @Override
    public long failures() {
        BatcherSnapshot s = batcher.snapshot();
        return refused + s.failed() + s.dropped() + s.rejected();
    }

    @Override
    public String settings() {
        BatcherSnapshot s = batcher.snapshot();
        return "maxEvents=" + s.maxEvents() + " lingerMs=" + s.lingerMicros() / 1000.0 + " maxInFlight="
                + batcher.tunables().get("batch.maxInFlight") + " meanBatch=" + Math.round(s.meanBatchSize());
    }

    @Override
    public void close() {
        batcher.close();
    }

    /** Forwards to the Kafka sink and records each event's latency when its batch's stage completes. */
    private record Timed(BatchSink<byte[]> sink, Recorder latency) implements BatchSink<byte[]> {
        @Override
        public CompletionStage<BatchResult> deliver(List<byte[]> batch) {
            return sink.deliver(batch).whenComplete((result, failure) -> {
                long now = System.nanoTime();
                if (failure == null) {
                    for (byte[] event : batch) {
                        Events.acknowledged(event, now, latency);
                    }
                }
            });
        }

        @Override
        public boolean isRetriable(Throwable failure) {
            return sink.isRetriable(failure);
        }

        @Override
        public int defaultMaxInFlight() {
            return sink.defaultMaxInFlight();
        }

        @Override
        public void close() throws Exception {
            sink.close();
        }
    }
}
