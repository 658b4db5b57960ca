package io.pacer.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.pacer.metrics.BatcherSnapshot.Percentiles;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a tiered cache's snapshot as Micrometer meters, all tagged {@code cache=<name>}: counters
 * {@code pacer.cache.requests{tier=l1|l2, result=hit|miss}}, {@code pacer.cache.loads{result=success|failure}},
 * {@code pacer.cache.l2.problems{kind=error|timeout|skipped}}, {@code pacer.cache.evictions}; gauges
 * {@code pacer.cache.hit.ratio{tier}}, {@code pacer.cache.size}, breaker state (0 closed, 1 half-open, 2 open)
 * and trips; latency percentiles in microseconds: {@code pacer.cache.latency{stage=l1.miss|l2.read|load, quantile}}.
 * One snapshot is taken per scrape, however many meters read it.
 *
 * <pre>{@code new CacheMeters(cache::snapshot).bindTo(registry);}</pre>
 */
public final class CacheMeters implements MeterBinder {
    private static final long REUSE_NANOS = 200_000_000L;

    private final Supplier<CacheSnapshot> source;
    private CacheSnapshot last;
    private long lastAt;

    public CacheMeters(Supplier<CacheSnapshot> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("cache", current().name());
        counter(registry, "pacer.cache.requests", tags.and("tier", "l1", "result", "hit"), s -> s.l1().hits());
        counter(registry, "pacer.cache.requests", tags.and("tier", "l1", "result", "miss"), s -> s.l1().misses());
        counter(registry, "pacer.cache.requests", tags.and("tier", "l2", "result", "hit"), s -> s.l2().hits());
        counter(registry, "pacer.cache.requests", tags.and("tier", "l2", "result", "miss"), s -> s.l2().misses());
        counter(
                registry,
                "pacer.cache.loads",
                tags.and("result", "success"),
                s -> s.loads().count() - s.loads().failures());
        counter(
                registry,
                "pacer.cache.loads",
                tags.and("result", "failure"),
                s -> s.loads().failures());
        counter(registry, "pacer.cache.l2.problems", tags.and("kind", "error"), CacheSnapshot::l2Errors);
        counter(registry, "pacer.cache.l2.problems", tags.and("kind", "timeout"), CacheSnapshot::l2Timeouts);
        counter(registry, "pacer.cache.l2.problems", tags.and("kind", "skipped"), CacheSnapshot::l2Skipped);
        counter(registry, "pacer.cache.evictions", tags, CacheSnapshot::l1Evictions);
        gauge(registry, "pacer.cache.hit.ratio", tags.and("tier", "l1"), s -> s.l1().hitRatio());
        gauge(registry, "pacer.cache.hit.ratio", tags.and("tier", "l2"), s -> s.l2().hitRatio());
        gauge(registry, "pacer.cache.size", tags, CacheSnapshot::l1Size);
        gauge(registry, "pacer.cache.breaker.state", tags, s -> breakerCode(s.breakerState()));
        gauge(registry, "pacer.cache.breaker.trips", tags, CacheSnapshot::breakerTrips);
        latency(registry, tags.and("stage", "l1.miss"), s -> s.l1().latencyMicros());
        latency(registry, tags.and("stage", "l2.read"), s -> s.l2().latencyMicros());
        latency(registry, tags.and("stage", "load"), s -> s.loads().latencyMicros());
    }

    private synchronized CacheSnapshot current() {
        long now = System.nanoTime();
        if (last == null || now - lastAt > REUSE_NANOS) {
            last = source.get();
            lastAt = now;
        }
        return last;
    }

    private void counter(MeterRegistry registry, String meter, Tags tags, ToDoubleFunction<CacheSnapshot> f) {
        FunctionCounter.builder(meter, this, m -> f.applyAsDouble(m.current()))
                .tags(tags)
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String meter, Tags tags, ToDoubleFunction<CacheSnapshot> f) {
        Gauge.builder(meter, this, m -> f.applyAsDouble(m.current())).tags(tags).register(registry);
    }

    private void latency(MeterRegistry registry, Tags tags, Function<CacheSnapshot, Percentiles> of) {
        quantile(registry, tags, "0.5", of.andThen(Percentiles::p50));
        quantile(registry, tags, "0.95", of.andThen(Percentiles::p95));
        quantile(registry, tags, "0.99", of.andThen(Percentiles::p99));
        quantile(registry, tags, "0.999", of.andThen(Percentiles::p999));
        quantile(registry, tags, "1.0", of.andThen(Percentiles::max));
    }

    private void quantile(MeterRegistry registry, Tags tags, String quantile, Function<CacheSnapshot, Long> f) {
        Gauge.builder("pacer.cache.latency", this, m -> f.apply(m.current()))
                .tags(tags)
                .tag("quantile", quantile)
                .baseUnit("microseconds")
                .register(registry);
    }

    private static double breakerCode(String state) {
        return switch (state) {
            case "CLOSED" -> 0;
            case "HALF_OPEN" -> 1;
            default -> 2;
        };
    }
}
