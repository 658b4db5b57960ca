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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Redis whose keyspace hit ratio fell well below its own earlier level. Redis's {@code INFO} ratio counts since the
 * server started (or {@code CONFIG RESETSTAT}), so a fall shows there only slowly; the detector computes the ratio of
 * each part of the window from the counters ({@code redis.keyspace.hits.total}, {@code redis.keyspace.misses.total}):
 * the earlier part is the window's first half, the recent part its last third. Reported when the recent ratio is
 * {@value #MIN_DROP} or more below the earlier one, both parts having {@value #MIN_LOOKUPS} lookups or more, and at least
 * {@value #MIN_SHARE} of the recent collections agree (their own ratio is that far below too). Evictions in the same
 * window are named as the likely cause. Subject: the Redis {@code target}.
 */
final class RedisHitDropDetector implements Detector {

    static final String HITS = "redis.keyspace.hits.total";
    static final String MISSES = "redis.keyspace.misses.total";
    /** Absolute fall of the hit ratio (0..1). */
    static final double MIN_DROP = 0.15;

    static final double MIN_LOOKUPS = 200;
    static final double MIN_SHARE = 0.5;
    private static final int MIN_POINTS = 6;

    @Override
    public String name() {
        return "redis-hit-ratio";
    }

    @Override
    public Category category() {
        return Category.INTEGRATION;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History history = context.history();
        List<Finding> findings = new ArrayList<>();
        StreamSignals.bySubject(history, HITS, MIN_POINTS, "target").forEach((subject, hits) -> {
            Series misses = StreamSignals.find(history, MISSES, subject);
            Finding f = misses == null ? null : judge(history, subject, hits, misses);
            if (f != null) {
                findings.add(f);
            }
        });
        return findings;
    }

    private static Finding judge(History history, Map<String, String> subject, Series hits, Series misses) {
        Duration window = Duration.between(history.from(), history.to());
        Instant half = history.from().plus(window.dividedBy(2));
        Instant recentFrom = history.to().minus(window.dividedBy(3));
        double earlierHits = SeriesStats.increase(StreamSignals.slice(hits, history.from(), half));
        double earlierMisses = SeriesStats.increase(StreamSignals.slice(misses, history.from(), half));
        double recentHits = SeriesStats.increase(StreamSignals.since(hits, recentFrom));
        double recentMisses = SeriesStats.increase(StreamSignals.since(misses, recentFrom));
        if (earlierHits + earlierMisses < MIN_LOOKUPS || recentHits + recentMisses < MIN_LOOKUPS) {
            return null;
        }
        double earlier = earlierHits / (earlierHits + earlierMisses);
        double recent = recentHits / (recentHits + recentMisses);
        double drop = earlier - recent;
        if (drop < MIN_DROP) {
            return null;
        }
        Series perInterval = StreamSignals.combine(
                "hit ratio",
                StreamSignals.increments(StreamSignals.since(hits, recentFrom)),
                StreamSignals.increments(StreamSignals.since(misses, recentFrom)),
                (h, m) -> h + m > 0 ? h / (h + m) : Double.NaN);
        StreamSignals.Agreement agree = StreamSignals.agreement(perInterval, v -> v <= earlier - MIN_DROP);
        if (agree.share() < MIN_SHARE) {
            return null;
        }
        Series evicted = StreamSignals.find(history, RedisEvictionsDetector.EVICTED, subject);
        double evictions = evicted == null ? 0 : SeriesStats.increase(StreamSignals.since(evicted, half));
        String cause = evictions > 0
                ? ": likely because it evicted " + StreamSignals.num(evictions) + " keys meanwhile"
                : ": the working set changed, keys expired, or writes stopped reaching it";
        return new Finding(
                FindingKinds.REDIS_HIT_DROP,
                Category.INTEGRATION,
                Level.WARNING,
                StreamSignals.confidence(drop / MIN_DROP - 1, agree.share()),
                subject,
                "Redis " + subject.get("target") + " hit ratio fell from " + StreamSignals.percent(earlier) + " to "
                        + StreamSignals.percent(recent) + " over the last "
                        + StreamSignals.span(recentFrom, history.to())
                        + cause,
                List.of(new Evidence(
                        HITS,
                        hits.labels(),
                        "hit_ratio_drop",
                        drop,
                        ">=",
                        MIN_DROP,
                        history.from(),
                        history.to(),
                        "hits / (hits + misses): " + StreamSignals.num(earlier) + " in the window's first half ("
                                + StreamSignals.num(earlierHits + earlierMisses) + " lookups), "
                                + StreamSignals.num(recent) + " in its last third ("
                                + StreamSignals.num(recentHits + recentMisses) + " lookups); "
                                + agree.agreeing() + " of " + agree.total() + " recent intervals that low")));
    }
}
