package io.pacer.load.distributed;

import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import io.pacer.metrics.Histograms;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The coordinator's record of one worker and its share during a run. Used by the coordinator's thread only. */
final class Slot {
    final WorkerInfo worker;
    final Share share;
    final List<String> notices = new ArrayList<>();
    /** The measured intervals it streamed: the figures of a share that never sent its result. */
    final Histogram streamed = Histograms.latency();

    long lastSeenNanos;
    boolean ready;
    /** null while running; then done, stopped, interrupted, failed, lost or unreported. */
    String state;
    /** For a share not done: why. */
    String why;

    RunResult result;
    int intervals;
    long operations;
    long ok;
    long failed;
    long records;
    long bytes;

    Slot(WorkerInfo worker, Share share, long nowNanos) {
        this.worker = worker;
        this.share = share;
        this.lastSeenNanos = nowNanos;
    }

    void reported(IntervalStats s, Histogram latency) {
        intervals++;
        if (s.warmup()) {
            return;
        }
        operations += s.operations();
        ok += s.ok();
        failed += s.failed();
        records += s.records();
        bytes += s.bytes();
        streamed.add(latency);
    }

    void settle(String newState, IntervalMerge merge) {
        state = newState;
        merge.settle(share.index());
    }
}
