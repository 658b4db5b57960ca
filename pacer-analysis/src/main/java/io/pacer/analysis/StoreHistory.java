package io.pacer.analysis;

import io.pacer.internal.Check;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Series;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** A window of a {@link MetricStore}, each query asked once (one analysis's detectors share it). */
final class StoreHistory implements History {

    private final MetricStore store;
    private final Instant from;
    private final Instant to;
    private final Map<Query, List<Series>> cache = new ConcurrentHashMap<>();
    private volatile List<String> names;

    StoreHistory(MetricStore store, Instant from, Instant to) {
        this.store = Objects.requireNonNull(store, "store");
        Check.that(
                from != null && to != null && from.isBefore(to), "history window", "from before to", from + ".." + to);
        this.from = from;
        this.to = to;
    }

    @Override
    public Instant from() {
        return from;
    }

    @Override
    public Instant to() {
        return to;
    }

    @Override
    public List<Series> series(String name) {
        return series(name, Map.of());
    }

    @Override
    public List<Series> series(String name, Map<String, String> labels) {
        Query query = new Query(name, labels, from, to, null);
        return cache.computeIfAbsent(query, store::query);
    }

    @Override
    public List<String> names() {
        List<String> known = names;
        if (known == null) {
            known = store.names();
            names = known;
        }
        return known;
    }

    @Override
    public History window(Instant start, Instant end) {
        return new StoreHistory(store, start, end);
    }
}
