package io.pacer.analysis;

import io.pacer.internal.Check;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Series;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A history of series given up front: synthetic histories for detector tests and benchmarks. */
final class FixedHistory implements History {

    private final List<Series> all;
    private final Instant from;
    private final Instant to;

    FixedHistory(List<Series> series, Instant from, Instant to) {
        Check.that(
                from != null && to != null && from.isBefore(to), "history window", "from before to", from + ".." + to);
        this.from = from;
        this.to = to;
        this.all = series.stream().map(this::inWindow).toList();
    }

    private Series inWindow(Series s) {
        List<Point> points = s.points().stream()
                .filter(p -> !p.timestamp().isBefore(from) && p.timestamp().isBefore(to))
                .toList();
        return new Series(s.name(), s.labels(), s.resolution(), points);
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
        return all.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> labels.entrySet().stream()
                        .allMatch(m -> m.getValue().equals(s.labels().get(m.getKey()))))
                .filter(s -> !s.points().isEmpty())
                .toList();
    }

    @Override
    public List<String> names() {
        return all.stream().map(Series::name).distinct().sorted().toList();
    }

    @Override
    public History window(Instant start, Instant end) {
        return new FixedHistory(all, start, end);
    }
}
