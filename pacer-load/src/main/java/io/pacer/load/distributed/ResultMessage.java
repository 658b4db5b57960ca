package io.pacer.load.distributed;

import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;

/**
 * A message on the results topic ({@value #SCHEMA}) from a worker about its share of a run: {@code ready} (prepared,
 * waiting for the start), {@code refused} (busy, or another Pacer version: {@code text} names both), {@code interval}
 * (one interval's figures and its HdrHistogram, µs, encoded as {@code io.pacer.metrics.Histograms} does),
 * {@code notice}, {@code done} (the share's whole {@link RunResult}) or {@code failed} ({@code text} says why).
 */
record ResultMessage(
        String schema,
        String type,
        String runId,
        String worker,
        int share,
        IntervalStats interval,
        String histogram,
        RunResult result,
        String text) {

    static final String SCHEMA = "pacer.results/1";
    static final String READY = "ready";
    static final String REFUSED = "refused";
    static final String INTERVAL = "interval";
    static final String NOTICE = "notice";
    static final String DONE = "done";
    static final String FAILED = "failed";

    static ResultMessage of(String type, Work work, String text) {
        return new ResultMessage(
                SCHEMA, type, work.runId(), work.worker(), work.share().index(), null, null, null, text);
    }

    static ResultMessage interval(Work work, IntervalStats interval, String histogram) {
        return new ResultMessage(
                SCHEMA, INTERVAL, work.runId(), work.worker(), work.share().index(), interval, histogram, null, null);
    }

    static ResultMessage done(Work work, RunResult result) {
        return new ResultMessage(
                SCHEMA, DONE, work.runId(), work.worker(), work.share().index(), null, null, result, null);
    }
}
