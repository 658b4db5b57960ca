package io.pacer.load;

import io.pacer.metrics.Histograms;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Multi-writer record of completed operations: any thread records (lock-free, no allocation on the common path);
 * the single reporter thread swaps out one {@link Bucket} per interval, the way HdrHistogram's {@code Recorder}
 * swaps histograms, so an interval's counts and latencies come from the same set of operations. Once
 * {@link #seal() sealed} (the run is over) nothing more is recorded.
 */
final class Tally {

    /** Distinct labels tracked; further labels are counted under {@link #OTHER_LABEL}. */
    static final int MAX_LABELS = 200;

    static final String OTHER_LABEL = "(other)";

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private final LongAdder completed = new LongAdder();
    private final LongAdder records = new LongAdder();
    private volatile Bucket active = new Bucket();
    private Bucket inactive = new Bucket();
    private volatile boolean sealed;

    /**
     * Records one completed operation whose latency from its intended start was {@code latencyNanos}. Returns false
     * (recording nothing) once sealed.
     */
    boolean record(long latencyNanos, boolean ok, String status, String label, long recordCount, long bytes) {
        long stamp = phaser.writerCriticalSectionEnter();
        try {
            if (sealed) {
                return false;
            }
            long micros = Math.min(Math.max(latencyNanos, 0) / 1000, Histograms.HIGHEST_LATENCY_MICROS);
            active.record(micros, ok, status, label, recordCount, bytes);
            records.add(recordCount);
            completed.increment();
            return true;
        } finally {
            phaser.writerCriticalSectionExit(stamp);
        }
    }

    /** Operations recorded so far (cumulative, never reset). */
    long completed() {
        return completed.sum();
    }

    /** Records moved by recorded operations so far (cumulative). */
    long records() {
        return records.sum();
    }

    /** Stops recording; every record call that saw the tally open has finished when this returns. */
    void seal() {
        sealed = true;
        phaser.readerLock();
        try {
            phaser.flipPhase();
        } finally {
            phaser.readerUnlock();
        }
    }

    /**
     * Returns the bucket of everything recorded since the previous swap. It stays unchanged until the next swap;
     * only one thread may swap.
     */
    Bucket swap() {
        phaser.readerLock();
        try {
            Bucket fresh = inactive;
            fresh.reset();
            inactive = active;
            active = fresh;
            phaser.flipPhase();
            return inactive;
        } finally {
            phaser.readerUnlock();
        }
    }

    /** One interval's recordings. */
    static final class Bucket {
        final AtomicHistogram latency =
                new AtomicHistogram(Histograms.HIGHEST_LATENCY_MICROS, Histograms.SIGNIFICANT_DIGITS);
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder records = new LongAdder();
        final LongAdder bytes = new LongAdder();
        /** Operations with the status {@link Outcome#OK}: most of them, so they skip the map lookup. */
        final LongAdder okStatus = new LongAdder();

        final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final Map<String, LabelBucket> labels = new ConcurrentHashMap<>();

        private void record(
                long micros, boolean success, String status, String label, long recordCount, long byteCount) {
            latency.recordValue(micros);
            if (success) {
                ok.increment();
            } else {
                failed.increment();
                count(errors, status);
            }
            if (status == Outcome.OK) {
                okStatus.increment();
            } else {
                count(statuses, status);
            }
            records.add(recordCount);
            bytes.add(byteCount);
            if (!label.isEmpty()) {
                labelBucket(label).record(micros, success, status);
            }
        }

        private LabelBucket labelBucket(String label) {
            LabelBucket bucket = labels.get(label);
            if (bucket != null) {
                return bucket;
            }
            String key = labels.size() < MAX_LABELS ? label : OTHER_LABEL;
            return labels.computeIfAbsent(key, k -> new LabelBucket());
        }

        long operations() {
            return ok.sum() + failed.sum();
        }

        private void reset() {
            latency.reset();
            ok.reset();
            failed.reset();
            records.reset();
            bytes.reset();
            okStatus.reset();
            statuses.clear();
            errors.clear();
            labels.clear();
        }
    }

    /** One label's recordings in one interval; its histogram grows only as far as its values need. */
    static final class LabelBucket {
        final AbstractHistogram latency = new ConcurrentHistogram(Histograms.SIGNIFICANT_DIGITS);
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();

        private void record(long micros, boolean success, String status) {
            latency.recordValue(micros);
            (success ? ok : failed).increment();
            count(statuses, status);
        }
    }

    static void count(Map<String, LongAdder> counts, String key) {
        LongAdder adder = counts.get(key);
        if (adder == null) {
            adder = counts.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.increment();
    }
}
