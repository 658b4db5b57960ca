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

/**
 * A Pacer batcher sending many small batches: every batch costs the sink a round trip, so at a high rate small batches
 * waste it. The batcher's own {@code batch.size.mean} and {@code batch.efficiency} are totals since start and move
 * slowly; the batch size of the moment is its two rates' ratio, {@code pacer_batcher_throughput_events_s} over
 * {@code pacer_batcher_batches_rate_batches_s}. A collection is inefficient when the batcher delivers at least
 * {@value #MIN_RATE} events/s in at least {@value #MIN_BATCH_RATE} batches/s of {@value #SMALL_BATCH} events or
 * fewer; the detector reports a batcher whose collections were inefficient for most of the window or for the last
 * {@value #MIN_TRAILING} in a row.
 *
 * <p>The cause, from the settings in force ({@code pacer_batcher_max_events}, {@code pacer_batcher_linger_microseconds}):
 * batches that are full ({@value #FULL} of the max or more), or a max of {@value #SMALL_BATCH} events or fewer, mean the
 * max batch is too small for the rate; batches that leave before they are full mean the linger is too short. The finding's last evidence item names the setting: its
 * series is the one of the setting in force ({@code pacer_batcher_max_events} or {@code
 * pacer_batcher_linger_microseconds}, the batcher's tunables {@code batch.maxEvents} and {@code batch.linger}), its
 * {@code observed} the value in force and its {@code threshold} the value suggested — enough for a recommendation to
 * plan an {@code agent.tunable} change. Subject: {@code batcher} and the scrape {@code target} (the application).
 */
final class ProducerBatchingDetector implements Detector {

    static final String THROUGHPUT = "pacer_batcher_throughput_events_s";
    static final String BATCHES = "pacer_batcher_batches_rate_batches_s";
    static final String MAX_EVENTS = "pacer_batcher_max_events";
    static final String LINGER = "pacer_batcher_linger_microseconds";
    /** The tunable that sets {@link #MAX_EVENTS}. */
    static final String MAX_EVENTS_TUNABLE = "batch.maxEvents";
    /** The tunable that sets {@link #LINGER}. */
    static final String LINGER_TUNABLE = "batch.linger";
    /** Events per second below which batching hardly matters. */
    static final double MIN_RATE = 50;
    /** Batches per second from which their per-call cost adds up. */
    static final double MIN_BATCH_RATE = 15;
    /** Events per batch at or below which a batch is small. */
    static final double SMALL_BATCH = 10;
    /** Batches this full of the max are full: the max is what limits them. */
    static final double FULL = 0.8;

    static final double MIN_SHARE = 0.5;
    static final int MIN_TRAILING = 10;
    /** A suggested batch should take about this long to fill at the observed rate. */
    static final double FILL_SECONDS = 0.1;
    /** Never suggest a linger longer than this (the library's default linger): latency matters too. */
    static final double MAX_SUGGESTED_LINGER_SECONDS = 0.1;

    private static final int MIN_POINTS = 3;

    @Override
    public String name() {
        return "batching";
    }

    @Override
    public Category category() {
        return Category.INTEGRATION;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History history = context.history();
        List<Finding> findings = new ArrayList<>();
        StreamSignals.bySubject(history, THROUGHPUT, MIN_POINTS, "batcher", "target")
                .forEach((subject, rate) -> {
                    Finding f = judge(history, subject, rate);
                    if (f != null) {
                        findings.add(f);
                    }
                });
        return findings;
    }

    private static Finding judge(History history, Map<String, String> subject, Series rate) {
        Series batches = StreamSignals.find(history, BATCHES, subject);
        if (batches == null) {
            return null;
        }
        Series small = StreamSignals.combine(
                "small batches",
                rate,
                batches,
                (r, b) -> r >= MIN_RATE && b >= MIN_BATCH_RATE && r / b <= SMALL_BATCH ? 1 : 0);
        StreamSignals.Agreement agree = StreamSignals.agreement(small, v -> v >= 0.5);
        if (!agree.holds(MIN_SHARE, MIN_TRAILING)) {
            return null;
        }
        Instant from = agree.trailing() >= MIN_TRAILING ? agree.since() : history.from();
        double events = SeriesStats.mean(StreamSignals.since(rate, from));
        double perSecond = SeriesStats.mean(StreamSignals.since(batches, from));
        double size = events / perSecond;
        Series maxSeries = StreamSignals.find(history, MAX_EVENTS, subject);
        Series lingerSeries = StreamSignals.find(history, LINGER, subject);
        double max = maxSeries == null ? Double.NaN : SeriesStats.last(maxSeries);
        double lingerMicros = lingerSeries == null ? Double.NaN : SeriesStats.last(lingerSeries);
        // a max of a few events is the limit even when batches leave before they fill (in-flight slots free up)
        boolean full = Double.isFinite(max) && (size >= FULL * max || max <= SMALL_BATCH);
        String batcher = subject.get("batcher");
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(
                BATCHES,
                batches.labels(),
                "mean",
                perSecond,
                ">=",
                MIN_BATCH_RATE,
                from,
                history.to(),
                "small batches (" + SMALL_BATCH + " events or fewer at " + MIN_RATE + " events/s or more) in "
                        + agree.agreeing() + " of " + agree.total() + " collections, the last " + agree.trailing()
                        + " in a row"));
        evidence.add(new Evidence(
                THROUGHPUT,
                rate.labels(),
                "mean_batch_size",
                size,
                "<=",
                SMALL_BATCH,
                from,
                history.to(),
                StreamSignals.num(events) + " events/s in " + StreamSignals.num(perSecond) + " batches/s"));
        String cause;
        if (full || lingerSeries == null) {
            double suggested = Math.max(Math.ceil(events * FILL_SECONDS), Double.isFinite(max) ? 2 * max : 0);
            cause = "its batches are full at " + StreamSignals.num(max) + " events: the max batch is too small for the"
                    + " rate; raise " + MAX_EVENTS_TUNABLE + " to about " + StreamSignals.num(suggested);
            if (maxSeries != null) {
                evidence.add(new Evidence(
                        MAX_EVENTS,
                        maxSeries.labels(),
                        "last",
                        max,
                        "<",
                        suggested,
                        from,
                        history.to(),
                        MAX_EVENTS_TUNABLE + ": a batch of " + FILL_SECONDS * 1000 + " ms of events at this rate"));
            }
        } else {
            double fill = Double.isFinite(max) ? max / events : FILL_SECONDS;
            double suggestedMicros = Math.ceil(Math.min(MAX_SUGGESTED_LINGER_SECONDS, fill) * 1e6 / 1000) * 1000;
            if (suggestedMicros <= lingerMicros) {
                suggestedMicros = 2 * lingerMicros; // already at the usual cap: still longer, or the batches stay small
            }
            cause = "its batches leave after " + StreamSignals.num(lingerMicros / 1000) + " ms, long before they are"
                    + " full (max " + StreamSignals.num(max) + "): the linger is too short for the rate; raise "
                    + LINGER_TUNABLE + " to about " + StreamSignals.num(suggestedMicros / 1000) + " ms";
            evidence.add(new Evidence(
                    LINGER,
                    lingerSeries.labels(),
                    "last",
                    lingerMicros,
                    "<",
                    suggestedMicros,
                    from,
                    history.to(),
                    LINGER_TUNABLE + " in microseconds: the time a full batch takes to gather at this rate, at most "
                            + (long) (MAX_SUGGESTED_LINGER_SECONDS * 1000) + " ms"));
        }
        return new Finding(
                FindingKinds.PRODUCER_BATCHING,
                Category.INTEGRATION,
                Level.WARNING,
                StreamSignals.confidence(StreamSignals.below(size, SMALL_BATCH), agree.weight(MIN_TRAILING)),
                subject,
                "Batcher " + batcher + " at " + subject.get("target") + " sends " + StreamSignals.num(perSecond)
                        + " batches/s of " + StreamSignals.num(size) + " events (" + StreamSignals.num(events)
                        + " events/s) for the last " + StreamSignals.span(from, history.to()) + ": " + cause,
                evidence);
    }
}
