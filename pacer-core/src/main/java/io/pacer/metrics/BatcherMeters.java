package io.pacer.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a batcher's snapshot as Micrometer meters (any registry: Prometheus, OTLP, JMX...), all tagged
 * {@code batcher=<name>}: counters {@code pacer.batcher.events{outcome=accepted|delivered|failed|dropped|rejected}},
 * gauges for rates, offer-to-acknowledgement latency since start in microseconds
 * ({@code pacer.batcher.latency{quantile=0.5|0.9|0.95|0.99|0.999|1.0}}, the {@link Percentiles} of
 * {@link BatcherSnapshot#latencyMicros()}), batch size, efficiency, spool depth, breaker state (0 closed, 1 half-open,
 * 2 open) and trips. Every meter has a description. One snapshot is taken per scrape, however many meters read it.
 *
 * <pre>{@code new BatcherMeters("orders", batcher::snapshot).bindTo(registry);}</pre>
 */
public final class BatcherMeters implements MeterBinder {
    private static final long REUSE_NANOS = 200_000_000L;

    private final String name;
    private final Supplier<BatcherSnapshot> source;
    private BatcherSnapshot last;
    private long lastAt;

    public BatcherMeters(String name, Supplier<BatcherSnapshot> source) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("batcher", name);
        counter(registry, tags, "accepted", BatcherSnapshot::accepted);
        counter(registry, tags, "delivered", BatcherSnapshot::delivered);
        counter(registry, tags, "failed", BatcherSnapshot::failed);
        counter(registry, tags, "dropped", BatcherSnapshot::dropped);
        counter(registry, tags, "rejected", BatcherSnapshot::rejected);
        gauge(
                registry,
                tags,
                "pacer.batcher.throughput",
                "events/s",
                "delivered events per second",
                BatcherSnapshot::eventsPerSecond);
        gauge(
                registry,
                tags,
                "pacer.batcher.batches.rate",
                "batches/s",
                "delivered batches per second",
                BatcherSnapshot::batchesPerSecond);
        gauge(
                registry,
                tags,
                "pacer.batcher.bytes.rate",
                "bytes/s",
                "delivered bytes per second",
                BatcherSnapshot::bytesPerSecond);
        latency(registry, tags, "0.5", s -> s.latencyMicros().p50());
        latency(registry, tags, "0.9", s -> s.latencyMicros().p90());
        latency(registry, tags, "0.95", s -> s.latencyMicros().p95());
        latency(registry, tags, "0.99", s -> s.latencyMicros().p99());
        latency(registry, tags, "0.999", s -> s.latencyMicros().p999());
        latency(registry, tags, "1.0", s -> s.latencyMicros().max());
        gauge(
                registry,
                tags,
                "pacer.batcher.batch.size.mean",
                "events",
                "mean delivered batch size",
                BatcherSnapshot::meanBatchSize);
        gauge(
                registry,
                tags,
                "pacer.batcher.batch.efficiency",
                "ratio",
                "mean batch size / max batch size",
                BatcherSnapshot::batchingEfficiency);
        gauge(
                registry,
                tags,
                "pacer.batcher.drop.rate",
                "ratio",
                "dropped or rejected / offered",
                BatcherSnapshot::dropRate);
        gauge(
                registry,
                tags,
                "pacer.batcher.spool.depth",
                "events",
                "events waiting in the disk spool",
                BatcherSnapshot::spoolDepth);
        gauge(
                registry,
                tags,
                "pacer.batcher.buffered",
                "events",
                "events in memory not yet delivered",
                BatcherSnapshot::buffered);
        gauge(
                registry,
                tags,
                "pacer.batcher.breaker.state",
                null,
                "0 closed, 1 half-open, 2 open",
                s -> breakerCode(s.breakerState()));
        gauge(
                registry,
                tags,
                "pacer.batcher.breaker.trips",
                null,
                "times the breaker opened",
                BatcherSnapshot::breakerTrips);
        gauge(registry, tags, "pacer.batcher.max.events", "events", "batch size in force", BatcherSnapshot::maxEvents);
        gauge(registry, tags, "pacer.batcher.linger", "microseconds", "linger in force", BatcherSnapshot::lingerMicros);
    }

    private synchronized BatcherSnapshot current() {
        long now = System.nanoTime();
        if (last == null || now - lastAt > REUSE_NANOS) {
            last = source.get();
            lastAt = now;
        }
        return last;
    }

    private void counter(MeterRegistry registry, Tags tags, String outcome, ToDoubleFunction<BatcherSnapshot> f) {
        FunctionCounter.builder("pacer.batcher.events", this, m -> f.applyAsDouble(m.current()))
                .tags(tags)
                .tag("outcome", outcome)
                .baseUnit("events")
                .description("events by outcome since start")
                .register(registry);
    }

    private void latency(MeterRegistry registry, Tags tags, String quantile, ToDoubleFunction<BatcherSnapshot> f) {
        Gauge.builder("pacer.batcher.latency", this, m -> f.applyAsDouble(m.current()))
                .strongReference(true)
                .tags(tags)
                .tag("quantile", quantile)
                .baseUnit("microseconds")
                .description("offer-to-acknowledgement latency since start, by quantile (1.0 = max)")
                .register(registry);
    }

    private void gauge(
            MeterRegistry registry,
            Tags tags,
            String meter,
            String unit,
            String doc,
            ToDoubleFunction<BatcherSnapshot> f) {
        Gauge.Builder<BatcherMeters> b = Gauge.builder(meter, this, m -> f.applyAsDouble(m.current()))
                .strongReference(true)
                .tags(tags)
                .description(doc);
        if (unit != null) {
            b.baseUnit(unit);
        }
        b.register(registry);
    }

    private static double breakerCode(String state) {
        return switch (state) {
            case "CLOSED" -> 0;
            case "HALF_OPEN" -> 1;
            default -> 2;
        };
    }
}
