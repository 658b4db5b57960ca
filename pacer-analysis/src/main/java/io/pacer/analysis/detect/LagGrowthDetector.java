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
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A consumer group that falls behind its producers. The monitor's lag collector already judges each group by Burrow's
 * rules ({@code kafka.group.status}: WARN when the lag did not fall anywhere in its window, STOP and STALL when the
 * consumer stopped committing or moving); this detector asks that the status said so for most of the window, or for
 * the last {@value #MIN_TRAILING} collections in a row, AND that the group's lag ({@code kafka.group.lag.records})
 * really grew over that stretch by {@value #MIN_LAG_RISE} records or more (its Theil-Sen slope times the stretch) —
 * so a WARN on a handful of records, which Burrow's allowed lag of 0 gives a lightly loaded group, is not reported. A
 * STOP or STALL over a lag of {@value #MIN_LAG_RISE} records or more is reported even when the lag no longer grows
 * (nothing is produced, but nothing is consumed either). Subject: {@code group} and the cluster's {@code target}.
 */
final class LagGrowthDetector implements Detector {

    static final String STATUS = "kafka.group.status";
    static final String LAG = "kafka.group.lag.records";
    static final String LAG_SECONDS = "kafka.group.lag.seconds.max";
    static final String PARTITION_LAG = "kafka.lag.records";
    /** Burrow's WARN; STOP (4) and STALL (5) are worse; REWIND (6) is a reset, not a consumer falling behind. */
    static final double WARN = 2;

    static final double STOP = 4;
    static final double REWIND = 6;
    /** Most of the window behind. */
    static final double MIN_SHARE = 0.5;
    /**
     * Or this many collections in a row, up to now: 10 s at the demo's 2 s interval — Burrow's status itself already
     * needs a window of ten collections without the lag falling before it says WARN.
     */
    static final int MIN_TRAILING = 5;
    /** The lag must have grown by this many records over the stretch behind. */
    static final double MIN_LAG_RISE = 500;

    private static final int MIN_POINTS = 3;

    @Override
    public String name() {
        return "kafka-lag";
    }

    @Override
    public Category category() {
        return Category.INTEGRATION;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History history = context.history();
        List<Finding> findings = new ArrayList<>();
        StreamSignals.bySubject(history, STATUS, MIN_POINTS, "group", "target").forEach((subject, status) -> {
            Finding f = judge(history, subject, status);
            if (f != null) {
                findings.add(f);
            }
        });
        return findings;
    }

    private static Finding judge(History history, Map<String, String> subject, Series status) {
        StreamSignals.Agreement behind = StreamSignals.agreement(status, v -> v >= WARN - 0.5 && v < REWIND - 0.5);
        if (!behind.holds(MIN_SHARE, MIN_TRAILING)) {
            return null;
        }
        Series lag = StreamSignals.find(history, LAG, subject);
        if (lag == null) {
            return null;
        }
        boolean trailing = behind.trailing() >= MIN_TRAILING;
        Instant from = trailing ? risingSince(lag, behind.since()) : history.from();
        Series stretch = StreamSignals.since(lag, from);
        if (stretch.points().size() < 2) {
            return null;
        }
        double[] values = SeriesStats.values(stretch);
        Instant start = stretch.points().get(0).timestamp();
        Instant end = stretch.points().get(values.length - 1).timestamp();
        double hours = (end.toEpochMilli() - start.toEpochMilli()) / 3_600_000.0;
        double slopePerHour = SeriesStats.slopePerHour(stretch);
        double rise = Double.isFinite(slopePerHour) ? slopePerHour * hours : 0;
        double lastLag = values[values.length - 1];
        double lastStatus = SeriesStats.last(status);
        boolean stuck = lastStatus >= STOP - 0.5 && lastStatus < REWIND - 0.5 && lastLag >= MIN_LAG_RISE;
        if (rise < MIN_LAG_RISE && !stuck) {
            return null;
        }
        String group = subject.get("group");
        Series seconds = StreamSignals.find(history, LAG_SECONDS, subject);
        String behindFor = seconds == null
                ? ""
                : "; the oldest unread record is " + StreamSignals.num(SeriesStats.last(seconds)) + " s old";
        String summary = stuck && rise < MIN_LAG_RISE
                ? "Consumer group " + group + " has stopped consuming: " + StreamSignals.num(lastLag)
                        + " records unread and its status is " + statusName(lastStatus) + behindFor
                : "Consumer group " + group + " falls behind its producers: lag grew from "
                        + StreamSignals.num(values[0]) + " to " + StreamSignals.num(lastLag) + " records (+"
                        + StreamSignals.num(slopePerHour / 3600) + "/s) over the last "
                        + StreamSignals.span(start, history.to()) + ", since " + start + behindFor;
        List<Evidence> evidence = new ArrayList<>(List.of(
                new Evidence(
                        STATUS,
                        status.labels(),
                        "share_warn_or_worse",
                        behind.share(),
                        ">=",
                        MIN_SHARE,
                        history.from(),
                        history.to(),
                        "WARN, STOP or STALL in " + behind.agreeing() + " of " + behind.total()
                                + " collections, the last " + behind.trailing() + " in a row (or "
                                + MIN_TRAILING + " in a row to count)"),
                new Evidence(
                        LAG,
                        lag.labels(),
                        "increase",
                        rise,
                        ">=",
                        MIN_LAG_RISE,
                        start,
                        history.to(),
                        "Theil-Sen slope " + StreamSignals.num(slopePerHour / 3600) + " records/s; now "
                                + StreamSignals.num(lastLag) + " records")));
        Series worst = worstPartition(history, subject);
        if (worst != null) {
            // names the topic (and its partition count, for the advice on how many consumers help)
            evidence.add(new Evidence(
                    PARTITION_LAG,
                    worst.labels(),
                    "last",
                    SeriesStats.last(worst),
                    ">",
                    0,
                    history.from(),
                    history.to(),
                    "the partition with the most lag now"));
        }
        double excess = stuck ? 1 : StreamSignals.above(rise, MIN_LAG_RISE);
        return new Finding(
                FindingKinds.LAG_GROWTH,
                Category.INTEGRATION,
                Level.CRITICAL,
                StreamSignals.confidence(excess, behind.weight(MIN_TRAILING)),
                subject,
                summary,
                evidence);
    }

    /** The group's partition whose lag is largest at the end of the window, or null. */
    private static Series worstPartition(History history, Map<String, String> subject) {
        Series worst = null;
        for (Series s : history.series(PARTITION_LAG, subject)) {
            if (!s.points().isEmpty() && (worst == null || SeriesStats.last(s) > SeriesStats.last(worst))) {
                worst = s;
            }
        }
        return worst;
    }

    /**
     * Where the rise that Burrow's WARN at {@code warned} ends began: Burrow says WARN only after a window of
     * collections without the lag falling, so the lag was already rising before. Walks back from {@code warned} while
     * each earlier point is lower.
     */
    private static Instant risingSince(Series lag, Instant warned) {
        List<Point> points = lag.points();
        int i = 0;
        while (i < points.size() && points.get(i).timestamp().isBefore(warned)) {
            i++;
        }
        if (i == points.size()) {
            return warned;
        }
        while (i > 0 && points.get(i - 1).avg() < points.get(i).avg()) {
            i--;
        }
        return points.get(i).timestamp();
    }

    private static String statusName(double code) {
        return Math.round(code) == 5 ? "STALL" : "STOP";
    }
}
