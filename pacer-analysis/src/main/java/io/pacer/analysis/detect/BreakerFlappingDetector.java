package io.pacer.analysis.detect;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Category;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.analysis.Level;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A circuit breaker that keeps opening and closing: its dependency fails now and then, and each trip costs a pause of
 * the breaker's open duration. Read from a Pacer batcher's ({@code pacer_batcher_breaker_trips},
 * {@code pacer_batcher_breaker_state}) or tiered cache's ({@code pacer_cache_breaker_*}, the Redis breaker) meters.
 *
 * <p>A trip is a rise of the trips gauge between two collections. Trips belong to one episode until the breaker is
 * seen closed again; the detector reports {@value #MIN_EPISODES} or more episodes in the window. A sink that is simply
 * down keeps its breaker open or half-open, tripping again after every failed trial: that is one long episode, which
 * {@link SinkOutageDetector} reports — not flapping. Subject: {@code batcher} (or {@code cache}) and the scrape
 * {@code target}.
 */
final class BreakerFlappingDetector implements Detector {

    /** The breakers Pacer's meters expose: series prefix and the label naming the component. */
    static final Map<String, String> BREAKERS =
            Map.of("pacer_batcher_breaker", "batcher", "pacer_cache_breaker", "cache");
    /** Separate episodes of tripping in the window, the breaker seen closed between them. */
    static final int MIN_EPISODES = 3;

    private static final int MIN_POINTS = 3;

    @Override
    public String name() {
        return "breaker-flapping";
    }

    @Override
    public Category category() {
        return Category.INTEGRATION;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History history = context.history();
        List<Finding> findings = new ArrayList<>();
        BREAKERS.forEach((prefix, component) -> StreamSignals.bySubject(
                        history, prefix + "_trips", MIN_POINTS, component, "target")
                .forEach((subject, trips) -> {
                    Series state = StreamSignals.find(history, prefix + "_state", subject);
                    Finding f = state == null ? null : judge(history, component, subject, trips, state);
                    if (f != null) {
                        findings.add(f);
                    }
                }));
        return findings;
    }

    private static Finding judge(
            History history, String component, Map<String, String> subject, Series trips, Series state) {
        Map<Instant, Double> states = new HashMap<>();
        state.points().forEach(p -> states.put(p.timestamp(), p.avg()));
        int episodes = 0;
        double tripped = 0;
        boolean closedSince = true;
        Instant first = null;
        double previous = Double.NaN;
        for (Point p : trips.points()) {
            double v = p.last();
            if (!Double.isNaN(previous)) {
                double rise = v >= previous ? v - previous : v;
                if (rise > 0) {
                    if (closedSince) {
                        episodes++;
                        closedSince = false;
                        first = first == null ? p.timestamp() : first;
                    }
                    tripped += rise;
                }
            }
            Double s = states.get(p.timestamp());
            if (s != null && s < 0.5) {
                closedSince = true; // seen closed: a trip after this is a new episode
            }
            previous = v;
        }
        if (episodes < MIN_EPISODES) {
            return null;
        }
        String name = subject.get(component);
        return new Finding(
                FindingKinds.BREAKER_FLAPPING,
                Category.INTEGRATION,
                Level.WARNING,
                StreamSignals.confidence(StreamSignals.above(episodes, MIN_EPISODES), Math.min(1, tripped / 10)),
                subject,
                "The breaker of " + component + " " + name + " at " + subject.get("target") + " opened "
                        + StreamSignals.num(tripped) + " times in " + episodes + " separate episodes over the last "
                        + StreamSignals.span(first, history.to()) + ", closing in between: its "
                        + (component.equals("cache") ? "Redis" : "sink") + " fails intermittently",
                List.of(new Evidence(
                        trips.name(),
                        trips.labels(),
                        "trip_episodes",
                        episodes,
                        ">=",
                        MIN_EPISODES,
                        history.from(),
                        history.to(),
                        StreamSignals.num(tripped) + " trips; an episode ends when " + state.name()
                                + " is seen 0 (closed)")));
    }
}
