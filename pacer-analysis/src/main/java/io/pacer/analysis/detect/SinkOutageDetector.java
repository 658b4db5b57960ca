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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Pacer batcher whose sink is down. Two signs:
 *
 * <ul>
 *   <li>the breaker ({@code pacer_batcher_breaker_state}: 0 closed, 1 half-open, 2 open) not closed for most of the
 *       window or for the last {@value #MIN_TRAILING} collections in a row, while over that stretch events pile up in
 *       the spool ({@code pacer_batcher_spool_depth_events} rose), fail ({@code pacer_batcher_events_total
 *       {outcome="failed"}} rose), or none are delivered;
 *   <li>deliveries failing: {@value #MIN_FAILED_SHARE} or more of the events the sink answered failed
 *       ({@code outcome="failed"} against {@code "delivered"}) in most intervals of the window or the last
 *       {@value #MIN_TRAILING} in a row, {@value #MIN_FAILED} events or more (a sink without a spool loses them).
 * </ul>
 *
 * Subject: {@code batcher} and the scrape {@code target}.
 */
final class SinkOutageDetector implements Detector {

    static final String STATE = "pacer_batcher_breaker_state";
    static final String SPOOL = "pacer_batcher_spool_depth_events";
    static final String EVENTS = "pacer_batcher_events_total";
    static final double MIN_SHARE = 0.5;
    /** Ten seconds at the demo's 2 s interval: longer than a flapping breaker stays open. */
    static final int MIN_TRAILING = 5;

    static final double MIN_FAILED = 100;
    static final double MIN_FAILED_SHARE = 0.5;
    private static final int MIN_POINTS = 3;

    @Override
    public String name() {
        return "sink-outage";
    }

    @Override
    public Category category() {
        return Category.INTEGRATION;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History history = context.history();
        List<Finding> findings = new ArrayList<>();
        StreamSignals.bySubject(history, STATE, MIN_POINTS, "batcher", "target").forEach((subject, state) -> {
            Finding f = judge(history, subject, state);
            if (f != null) {
                findings.add(f);
            }
        });
        return findings;
    }

    private static Finding judge(History history, Map<String, String> subject, Series state) {
        StreamSignals.Agreement open = StreamSignals.agreement(state, v -> v >= 0.5);
        Series delivered = events(history, subject, "delivered");
        Series failed = events(history, subject, "failed");
        String batcher = subject.get("batcher");
        if (open.holds(MIN_SHARE, MIN_TRAILING)) {
            Instant from = open.trailing() >= MIN_TRAILING ? open.since() : history.from();
            Series spool = StreamSignals.find(history, SPOOL, subject);
            double spooled = spool == null ? 0 : rise(StreamSignals.since(spool, from));
            double lost = failed == null ? 0 : SeriesStats.increase(StreamSignals.since(failed, from));
            double sent = delivered == null ? Double.NaN : SeriesStats.increase(StreamSignals.since(delivered, from));
            if (spooled > 0 || lost > 0 || sent == 0) {
                List<Evidence> evidence = new ArrayList<>();
                evidence.add(new Evidence(
                        STATE,
                        state.labels(),
                        "share_not_closed",
                        open.share(),
                        ">=",
                        MIN_SHARE,
                        history.from(),
                        history.to(),
                        "open or half-open in " + open.agreeing() + " of " + open.total() + " collections, the last "
                                + open.trailing() + " in a row (or " + MIN_TRAILING + " in a row to count)"));
                if (spool != null) {
                    evidence.add(new Evidence(
                            SPOOL, spool.labels(), "increase", spooled, ">", 0, from, history.to(), "events spooled"));
                }
                String what = (spooled > 0 ? StreamSignals.num(spooled) + " events spooled" : "")
                        + (lost > 0 ? (spooled > 0 ? ", " : "") + StreamSignals.num(lost) + " failed" : "")
                        + (sent == 0 ? (spooled > 0 || lost > 0 ? ", " : "") + "none delivered" : "");
                return finding(
                        subject,
                        "The sink of batcher " + batcher + " at " + subject.get("target")
                                + " is down: its breaker has been open for "
                                + (open.trailing() >= MIN_TRAILING
                                        ? "the last " + StreamSignals.span(from, history.to())
                                        : StreamSignals.percent(open.share()) + " of the window")
                                + "; " + what,
                        StreamSignals.confidence(
                                Math.max(spooled > 0 ? 1 : 0, lost > 0 ? 1 : 0), open.weight(MIN_TRAILING)),
                        evidence);
            }
        }
        if (failed == null) {
            return null;
        }
        Series failing = delivered == null
                ? StreamSignals.combine(
                        "failing",
                        StreamSignals.increments(failed),
                        StreamSignals.increments(failed),
                        (f, same) -> f > 0 ? 1 : 0)
                : StreamSignals.combine(
                        "failing",
                        StreamSignals.increments(failed),
                        StreamSignals.increments(delivered),
                        (f, d) -> f + d > 0 ? f / (f + d) : Double.NaN);
        StreamSignals.Agreement agree = StreamSignals.agreement(failing, v -> v >= MIN_FAILED_SHARE);
        if (!agree.holds(MIN_SHARE, MIN_TRAILING)) {
            return null;
        }
        Instant from = agree.trailing() >= MIN_TRAILING ? agree.since() : history.from();
        // the counters' rise from the point before the stretch's first interval
        Instant before = failed.points().stream()
                .map(p -> p.timestamp())
                .filter(t -> t.isBefore(from))
                .reduce((a, b) -> b)
                .orElse(history.from());
        double lost = SeriesStats.increase(StreamSignals.since(failed, before));
        double sent = delivered == null ? 0 : SeriesStats.increase(StreamSignals.since(delivered, before));
        double share = lost / Math.max(1, lost + sent);
        if (lost < MIN_FAILED || share < MIN_FAILED_SHARE) {
            return null;
        }
        return finding(
                subject,
                "The sink of batcher " + batcher + " at " + subject.get("target") + " fails deliveries: "
                        + StreamSignals.num(lost) + " events failed and " + StreamSignals.num(sent)
                        + " were delivered over the last " + StreamSignals.span(before, history.to()),
                StreamSignals.confidence(StreamSignals.above(lost, MIN_FAILED), agree.weight(MIN_TRAILING)),
                List.of(new Evidence(
                        EVENTS,
                        failed.labels(),
                        "failed_share",
                        share,
                        ">=",
                        MIN_FAILED_SHARE,
                        before,
                        history.to(),
                        StreamSignals.num(lost) + " failed, " + StreamSignals.num(sent) + " delivered; failing in "
                                + agree.agreeing() + " of " + agree.total() + " intervals")));
    }

    private static Series events(History history, Map<String, String> subject, String outcome) {
        Map<String, String> labels = new TreeMap<>(subject);
        labels.put("outcome", outcome);
        return StreamSignals.find(history, EVENTS, labels);
    }

    /** How much a gauge rose over the series: its last value over its first, never negative. */
    private static double rise(Series gauge) {
        if (gauge.points().size() < 2) {
            return 0;
        }
        return Math.max(0, SeriesStats.last(gauge) - gauge.points().get(0).avg());
    }

    private static Finding finding(
            Map<String, String> subject, String summary, double confidence, List<Evidence> evidence) {
        return new Finding(
                FindingKinds.SINK_OUTAGE, Category.INTEGRATION, Level.CRITICAL, confidence, subject, summary, evidence);
    }
}
