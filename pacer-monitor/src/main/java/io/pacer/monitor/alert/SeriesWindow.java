package io.pacer.monitor.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The recent values of one series, as far back as the longest window of the rules watching it (just the latest for
 * {@code LATEST} rules). Samples may arrive slightly out of order; each is put in its place.
 */
final class SeriesWindow {
    private record Point(Instant at, double value) {}

    private final Duration keep;
    private final ArrayDeque<Point> points = new ArrayDeque<>();

    SeriesWindow(Duration keep) {
        this.keep = keep;
    }

    void add(Instant at, double value) {
        if (Double.isNaN(value)) {
            return;
        }
        Point p = new Point(at, value);
        if (points.isEmpty() || !at.isBefore(points.peekLast().at())) {
            points.addLast(p);
        } else {
            ArrayDeque<Point> later = new ArrayDeque<>();
            while (!points.isEmpty() && at.isBefore(points.peekLast().at())) {
                later.addFirst(points.removeLast());
            }
            points.addLast(p);
            points.addAll(later);
        }
        Instant horizon = points.peekLast().at().minus(keep);
        while (points.size() > 1 && !points.peekFirst().at().isAfter(horizon)) {
            points.removeFirst();
        }
    }

    /** When the newest sample was taken, or null when there is none. */
    Instant latestAt() {
        return points.isEmpty() ? null : points.peekLast().at();
    }

    /**
     * The value {@code aggregation} gives over the samples in {@code (now - window, now]}; the latest sample when none
     * is that recent. Call only when {@link #latestAt()} is set.
     */
    double value(Aggregation aggregation, Duration window, Instant now) {
        double latest = points.peekLast().value();
        if (aggregation == Aggregation.LATEST) {
            return latest;
        }
        Instant from = now.minus(window);
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (Iterator<Point> it = points.descendingIterator(); it.hasNext(); ) {
            Point p = it.next();
            if (!p.at().isAfter(from)) {
                break;
            }
            if (!p.at().isAfter(now)) {
                sum += p.value();
                min = Math.min(min, p.value());
                max = Math.max(max, p.value());
                n++;
            }
        }
        if (n == 0) {
            return latest;
        }
        return switch (aggregation) {
            case AVG -> sum / n;
            case MAX -> max;
            case MIN -> min;
            case LATEST -> latest;
        };
    }
}
