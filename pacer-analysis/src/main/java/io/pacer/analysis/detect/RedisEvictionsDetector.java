package io.pacer.analysis.detect;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Category;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.analysis.Level;
import io.pacer.analysis.SeriesStats;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Redis that evicts keys because its {@code maxmemory} is too small for the working set: every evicted key is a
 * later miss and a reload. Reported when {@code redis.evicted.keys.total} rose by {@value #MIN_EVICTED} keys or more in
 * the window; {@link Level#CRITICAL} when it evicts steadily — at least {@value #STEADY_RATE} keys/s over the window and
 * in {@value #STEADY_SHARE} or more of the collections — else {@link Level#WARNING}. The memory in use against
 * {@code maxmemory} ({@code redis.memory.used.ratio}, present when a limit is set) is part of the evidence and of the
 * confidence: at {@value #NEAR_MAX} or more the limit is what evicts. Evictions that stopped — none in the last
 * {@value #RESOLVED_AFTER} collections — are reported as {@link Level#INFO}. Subject: the Redis {@code target}.
 */
final class RedisEvictionsDetector implements Detector {

    static final String EVICTED = "redis.evicted.keys.total";
    static final String USED_RATIO = "redis.memory.used.ratio";
    static final String MAX_BYTES = "redis.memory.max.bytes";
    static final double MIN_EVICTED = 100;
    static final double STEADY_RATE = 1;
    static final double STEADY_SHARE = 0.3;
    static final double NEAR_MAX = 0.9;
    /**
     * Collections in a row without an eviction, up to now, after which the evictions of the window are history: the
     * finding is {@link Level#INFO} (nothing to do now), not a warning that would outrank what is wrong now.
     */
    static final int RESOLVED_AFTER = 10;

    private static final int MIN_POINTS = 2;

    @Override
    public String name() {
        return "redis-evictions";
    }

    @Override
    public Category category() {
        return Category.INTEGRATION;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History history = context.history();
        List<Finding> findings = new ArrayList<>();
        StreamSignals.bySubject(history, EVICTED, MIN_POINTS, "target").forEach((subject, evicted) -> {
            Finding f = judge(history, subject, evicted);
            if (f != null) {
                findings.add(f);
            }
        });
        return findings;
    }

    private static Finding judge(History history, Map<String, String> subject, Series evicted) {
        double increase = SeriesStats.increase(evicted);
        if (increase < MIN_EVICTED) {
            return null;
        }
        StreamSignals.Agreement evicting = StreamSignals.agreement(StreamSignals.increments(evicted), v -> v > 0);
        double seconds =
                Math.max(1, Duration.between(history.from(), history.to()).toSeconds());
        double rate = increase / seconds;
        boolean steady = rate >= STEADY_RATE && evicting.share() >= STEADY_SHARE;
        StreamSignals.Agreement calm = StreamSignals.agreement(StreamSignals.increments(evicted), v -> v <= 0);
        boolean stopped = calm.trailing() >= RESOLVED_AFTER;
        Series used = StreamSignals.find(history, USED_RATIO, subject);
        Series max = StreamSignals.find(history, MAX_BYTES, subject);
        double usedMax = used == null ? Double.NaN : SeriesStats.max(used);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(
                EVICTED,
                evicted.labels(),
                "increase",
                increase,
                ">=",
                MIN_EVICTED,
                history.from(),
                history.to(),
                StreamSignals.num(rate) + " keys/s; evicting in " + evicting.agreeing() + " of " + evicting.total()
                        + " intervals"));
        String memory = "";
        if (used != null) {
            evidence.add(new Evidence(
                    USED_RATIO,
                    used.labels(),
                    "max",
                    usedMax,
                    ">=",
                    NEAR_MAX,
                    history.from(),
                    history.to(),
                    max == null ? "" : "maxmemory " + StreamSignals.num(SeriesStats.last(max)) + " bytes"));
            memory = "; memory in use reached " + StreamSignals.percent(usedMax) + " of maxmemory"
                    + (max == null ? "" : " (" + StreamSignals.num(SeriesStats.last(max) / (1 << 20)) + " MiB)");
        }
        double agreement = (evicting.share() + (usedMax >= NEAR_MAX ? 1 : 0)) / 2;
        return new Finding(
                FindingKinds.REDIS_EVICTIONS,
                Category.INTEGRATION,
                stopped ? Level.INFO : steady ? Level.CRITICAL : Level.WARNING,
                StreamSignals.confidence(StreamSignals.above(increase, MIN_EVICTED * 10), agreement),
                subject,
                "Redis " + subject.get("target") + " evicted " + StreamSignals.num(increase) + " keys ("
                        + StreamSignals.num(rate) + "/s) over the last "
                        + StreamSignals.span(history.from(), history.to()) + memory
                        + (stopped
                                ? "; none for the last " + StreamSignals.span(calm.since(), history.to())
                                        + ", so the limit was raised or the load fell"
                                : ": maxmemory is too small for the working set"),
                evidence);
    }
}
