package io.pacer.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.pacer.metrics.Percentiles;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a tiered cache's snapshot as Micrometer meters, all tagged {@code cache=<name>}: counters
 * {@code pacer.cache.requests{tier=l1|l2, result=hit|miss}}, {@code pacer.cache.loads{result=success|failure}},
 * {@code pacer.cache.l2.problems{kind=error|timeout|skipped}}, {@code pacer.cache.evictions}; gauges
 * {@code pacer.cache.hit.ratio{tier}}, {@code pacer.cache.size}, breaker state (0 closed, 1 half-open, 2 open)
 * and trips; times in microseconds since the cache was built:
 * {@code pacer.cache.latency{stage=l1.miss|l2.read|load, quantile=0.5|0.9|0.95|0.99|0.999|1.0}}, the
 * {@link Percentiles} of the snapshot. Every meter has a description. One snapshot is taken per scrape, however many
 * meters read it.
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
        requests(registry, tags, "l1", "hit", s -> s.l1().hits());
        requests(registry, tags, "l1", "miss", s -> s.l1().misses());
        requests(registry, tags, "l2", "hit", s -> s.l2().hits());
        requests(registry, tags, "l2", "miss", s -> s.l2().misses());
        loads(registry, tags, "success", s -> s.loads().count() - s.loads().failures());
        loads(registry, tags, "failure", s -> s.loads().failures());
        problems(registry, tags, "error", CacheSnapshot::l2Errors);
        problems(registry, tags, "timeout", CacheSnapshot::l2Timeouts);
        problems(registry, tags, "skipped", CacheSnapshot::l2Skipped);
        counter(
                registry,
                "pacer.cache.evictions",
                tags,
                "L1 entries removed for size or expiry since start",
                CacheSnapshot::l1Evictions);
        String ratio = "hits / (hits + misses) of the tier since start";
        gauge(registry, "pacer.cache.hit.ratio", tags.and("tier", "l1"), ratio, s -> s.l1().hitRatio());
        gauge(registry, "pacer.cache.hit.ratio", tags.and("tier", "l2"), ratio, s -> s.l2().hitRatio());
        gauge(registry, "pacer.cache.size", tags, "entries in L1 (an estimate)", CacheSnapshot::l1Size);
        gauge(
                registry,
                "pacer.cache.breaker.state",
                tags,
                "Redis breaker: 0 closed, 1 half-open, 2 open",
                s -> breakerCode(s.breakerState()));
        gauge(
                registry,
                "pacer.cache.breaker.trips",
                tags,
                "times the Redis breaker opened",
                CacheSnapshot::breakerTrips);
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

    private void requests(
            MeterRegistry registry, Tags tags, String tier, String result, ToDoubleFunction<CacheSnapshot> f) {
        counter(
                registry,
                "pacer.cache.requests",
                tags.and("tier", tier, "result", result),
                "lookups by tier and result since start (l2: the reads made after an L1 miss)",
                f);
    }

    private void loads(MeterRegistry registry, Tags tags, String result, ToDoubleFunction<CacheSnapshot> f) {
        counter(
                registry,
                "pacer.cache.loads",
                tags.and("result", result),
                "loader calls by result since start (refreshes included)",
                f);
    }

    private void problems(MeterRegistry registry, Tags tags, String kind, ToDoubleFunction<CacheSnapshot> f) {
        counter(
                registry,
                "pacer.cache.l2.problems",
                tags.and("kind", kind),
                "Redis calls that failed (error), took longer than the L2 timeout (timeout) or were not made because"
                        + " the breaker was open (skipped), since start",
                f);
    }

    private void counter(
            MeterRegistry registry, String meter, Tags tags, String description, ToDoubleFunction<CacheSnapshot> f) {
        FunctionCounter.builder(meter, this, m -> f.applyAsDouble(m.current()))
                .tags(tags)
                .description(description)
                .register(registry);
    }

    private void gauge(
            MeterRegistry registry, String meter, Tags tags, String description, ToDoubleFunction<CacheSnapshot> f) {
        Gauge.builder(meter, this, m -> f.applyAsDouble(m.current()))
                .strongReference(true)
                .tags(tags)
                .description(description)
                .register(registry);
    }

    private void latency(MeterRegistry registry, Tags tags, Function<CacheSnapshot, Percentiles> of) {
        quantile(registry, tags, "0.5", of.andThen(Percentiles::p50));
        quantile(registry, tags, "0.9", of.andThen(Percentiles::p90));
        quantile(registry, tags, "0.95", of.andThen(Percentiles::p95));
        quantile(registry, tags, "0.99", of.andThen(Percentiles::p99));
        quantile(registry, tags, "0.999", of.andThen(Percentiles::p999));
        quantile(registry, tags, "1.0", of.andThen(Percentiles::max));
    }

    private void quantile(MeterRegistry registry, Tags tags, String quantile, Function<CacheSnapshot, Long> f) {
        Gauge.builder("pacer.cache.latency", this, m -> f.apply(m.current()))
                .strongReference(true)
                .tags(tags)
                .tag("quantile", quantile)
                .baseUnit("microseconds")
                .description("time since start by stage (l1.miss: serving an L1 miss, l2.read: a Redis read,"
                        + " load: the loader) and quantile (1.0 = max)")
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
