package io.pacer.analysis.trend;

import io.pacer.analysis.History;
import io.pacer.analysis.action.ActionRecord;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the history says happened, each event with its instant: actions applied or reverted (from the action
 * history), restarts (an uptime series falling), load changes (change points of throughput and request-rate series,
 * found by the caller). A change point's possible causes are the events near it — nothing else, so a cause is never
 * invented: with no event near, the list is empty.
 */
final class Causes {

    /** Uptime series: a fall is a restart of the process (or Redis server) the labels name. */
    static final List<String> UPTIME_SERIES =
            List.of("jvm.uptime.seconds", "process_uptime_seconds", "redis.uptime.seconds");

    /**
     * One thing that happened.
     *
     * @param at when
     * @param source the series it was read from (so a change is never its own cause); empty for actions
     * @param text what, for people
     */
    record Event(Instant at, String source, String text) {}

    private final List<Event> events;

    Causes(List<Event> events) {
        this.events = List.copyOf(events);
    }

    /** The events of {@code actions} and of the uptime series in {@code history}, plus {@code loadChanges}. */
    static Causes of(History history, List<ActionRecord> actions, List<Event> loadChanges) {
        List<Event> events = new ArrayList<>(loadChanges);
        for (ActionRecord a : actions) {
            String what = a.plan().summary() + " (" + a.plan().request().kind() + " on "
                    + a.plan().request().target() + ")";
            if (a.appliedAt() != null) {
                events.add(new Event(
                        a.appliedAt(),
                        "",
                        "action " + a.id() + " applied at " + a.appliedAt() + " by " + a.requestedBy() + ": " + what));
            }
            if (a.revertedAt() != null) {
                events.add(new Event(
                        a.revertedAt(),
                        "",
                        "action " + a.id() + " reverted at " + a.revertedAt() + " by " + a.revertedBy()
                                + (a.revertReason() == null ? "" : " (" + a.revertReason() + ")") + ": " + what));
            }
        }
        for (String name : UPTIME_SERIES) {
            for (Series s : history.series(name)) {
                events.addAll(restarts(s));
            }
        }
        return new Causes(events);
    }

    /** Each fall of an uptime series, dated by the uptime after it (the process started that long before). */
    static List<Event> restarts(Series uptime) {
        List<Event> out = new ArrayList<>();
        List<Point> points = uptime.points();
        for (int i = 1; i < points.size(); i++) {
            Point before = points.get(i - 1);
            Point after = points.get(i);
            if (after.min() < before.last()) {
                Instant started = after.timestamp().minusMillis((long) (after.min() * 1000));
                Instant at = started.isAfter(before.timestamp()) ? started : before.timestamp();
                out.add(new Event(
                        at,
                        TrendNames.key(uptime),
                        String.format(
                                Locale.ROOT,
                                "restart of %s at %s (%s fell from %.0f s to %.0f s)",
                                TrendNames.subject(uptime),
                                at,
                                uptime.name(),
                                before.last(),
                                after.min())));
            }
        }
        return out;
    }

    /** The events within {@code tolerance} of {@code at}, nearest first, except those read from {@code source}. */
    List<String> near(Instant at, Duration tolerance, String source) {
        return events.stream()
                .filter(e -> !e.source().equals(source))
                .filter(e -> Duration.between(e.at(), at).abs().compareTo(tolerance) <= 0)
                .sorted(Comparator.comparing(
                                (Event e) -> Duration.between(e.at(), at).abs())
                        .thenComparing(Event::text))
                .map(Event::text)
                .distinct()
                .toList();
    }
}
