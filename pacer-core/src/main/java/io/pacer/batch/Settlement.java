package io.pacer.batch;

import io.pacer.sink.BatchResult;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Settles a batch the sink answered, failed or did not answer in time — one path for batches from memory and
 * batches replayed from the spool:
 * <ul>
 *   <li>the breaker that let the batch through hears the outcome: a success when the sink answered (even if it
 *       rejected some events), an error for a retriable failure of the whole batch, its permission back for a
 *       permanent one;</li>
 *   <li>delivered events are counted: offer-to-ack latency per event, batch size and bytes;</li>
 *   <li>events failed for good are counted and announced with {@link BatcherEvent.EventsFailed};</li>
 *   <li>the application's {@link DeliveryListener}, if any, hears which events were delivered and which failed
 *       for good, once each, when their fate is final ({@link Outcomes});</li>
 *   <li>retriable failures go to the {@link RetryStateMachine}, and the events to retry are collected in send
 *       order; events of a partly delivered batch are told apart by their index.</li>
 * </ul>
 *
 * <p>Where the batch came from decides what a retry resends ({@link Source}). Flusher thread only.
 *
 * <p>Notes: a batch from memory retries its failed events only when every one of them failed retriably (a
 * permanent failure would just fail again), each until it has been rejected {@code maxAttempts} times — counted per
 * event, since a retry round may also carry events sent for the first time, or on their second attempt; a spooled batch is retried or committed as a whole, so one retriable
 * failure is reason enough to send it again, and nothing is counted until it is committed (its delivered part is
 * sent again: at-least-once). Events of a spooled batch were counted as settled when they were spilled, so only
 * batches from memory add to the flusher's settled count, through what {@link #settle} returns.
 */
final class Settlement<O> {

    /** Where a settled batch came from, which decides what is retried. */
    enum Source {
        /** Taken from memory: failed events are retried on their own, collected in send order. */
        MEMORY,
        /** Replayed from the spool: the batch stays there until settled, so a retry resends all of it. */
        SPOOL
    }

    private final FlusherContext<O> ctx;
    private final BatcherStats stats;
    private final GuardedSink<O> sink;
    private final RetryStateMachine retries;
    private final FlusherSignals signals;
    private final StampedDeque retrying;
    private final Outcomes<O> outcomes;
    /** How often each event of a batch from memory waiting for its retry has been rejected, by identity. */
    private final Map<Object, Integer> rejectedTimes = new IdentityHashMap<>();

    /** @param retrying where events of batches from memory wait for their retry, in send order */
    Settlement(
            FlusherContext<O> ctx,
            GuardedSink<O> sink,
            RetryStateMachine retries,
            FlusherSignals signals,
            StampedDeque retrying) {
        this.ctx = ctx;
        this.stats = ctx.stats();
        this.sink = sink;
        this.retries = retries;
        this.signals = signals;
        this.retrying = retrying;
        this.outcomes = new Outcomes<>(ctx, ctx.deliveryListener());
    }

    /**
     * Settles {@code batch}.
     *
     * @param failure why the delivery failed (a {@code TimeoutException} when it was not answered in time), or
     *     null when the sink answered
     * @param result the sink's answer when {@code failure} is null
     * @param end the ticker's reading at settlement: latency runs from each event's offer time to here
     * @return the events settled for good — delivered, or failed permanently; not those left to retry
     */
    int settle(SentBatch batch, Throwable failure, BatchResult result, long end, Source source) {
        long took = end - batch.sentAt;
        if (failure != null) {
            return failed(batch, failure, took, source);
        }
        batch.breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        ctx.watchBreaker();
        retries.onAnswered();
        if (!result.allDelivered()) {
            Rejections rejections = Rejections.of(result, batch.size, sink);
            if (rejections.count() > 0) {
                return partlyDelivered(batch, rejections, end, source);
            }
        }
        retries.onDeliveredInFull();
        forgetAll(batch);
        signals.publishClock(); // on CPU for a while: producers may stamp with the cached clock
        if (batch.stamps != null) {
            stats.recordLatencies(batch.stamps, batch.size, end);
            if (source == Source.MEMORY) {
                ctx.recordAdaptiveSample(batch.stamps, batch.size, end);
            }
        }
        stats.recordBatch(batch.size, batch.bytes);
        signals.stopClock();
        if (outcomes.listening()) {
            outcomes.deliveredAll(batch.list);
        }
        return batch.size;
    }

    /** The whole batch failed. */
    private int failed(SentBatch batch, Throwable failure, long took, Source source) {
        if (!sink.isRetriable(failure)) {
            batch.breaker.releasePermission();
            forgetAll(batch);
            failForGood(batch.size, failure);
            if (outcomes.listening()) {
                outcomes.failedAll(batch.list, failure);
            }
            return batch.size;
        }
        batch.breaker.onError(took, TimeUnit.NANOSECONDS, failure);
        ctx.watchBreaker();
        retries.onBatchFailed();
        if (source == Source.MEMORY) {
            for (int i = 0; i < batch.size; i++) {
                retrying.addLast(batch.events[i], batch.stamps[i]);
            }
        }
        return 0;
    }

    /**
     * The sink took some events and rejected others. A spooled batch is retried as a whole (rounds in a row count its
     * attempts); each rejected event of a batch from memory is retried until it has been rejected {@code maxAttempts}
     * times, and then given up.
     */
    private int partlyDelivered(SentBatch batch, Rejections rejections, long end, Source source) {
        int maxAttempts = ctx.breakerPolicy().maxAttempts();
        if (source == Source.SPOOL && retries.onEventsFailed(rejections.anyRetriable(), maxAttempts)) {
            return 0; // the whole batch goes again; it is counted when it is committed
        }
        boolean retriable = source == Source.MEMORY && rejections.allRetriable();
        int n = batch.size;
        long[] okStamps = batch.stamps == null ? null : new long[n];
        boolean[] retried = new boolean[n];
        int ok = 0;
        long okBytes = 0;
        int retrying = 0;
        int mostRejected = 0;
        Throwable lastGivenUp = null;
        for (int i = 0; i < n; i++) {
            Object event = batch.events[i];
            Integer before = rejectedTimes.isEmpty() ? null : rejectedTimes.remove(event);
            Throwable cause = rejections.causeAt()[i];
            if (cause == null) {
                if (okStamps != null) {
                    okStamps[ok] = batch.stamps[i];
                }
                ok++;
                @SuppressWarnings("unchecked")
                O delivered = (O) event;
                okBytes += ctx.sizeOf(delivered);
                continue;
            }
            int rejected = before == null ? 1 : before + 1;
            if (retriable && rejected < maxAttempts) {
                this.retrying.addLast(event, batch.stamps[i]);
                rejectedTimes.put(event, rejected);
                retried[i] = true;
                retrying++;
                mostRejected = Math.max(mostRejected, rejected);
            } else {
                lastGivenUp = cause;
            }
        }
        if (retrying > 0) {
            retries.onEventsRetried(mostRejected);
        }
        if (okStamps != null) {
            stats.recordLatencies(okStamps, ok, end);
        }
        if (ok > 0) {
            stats.recordBatch(ok, okBytes);
        }
        int givenUp = n - ok - retrying;
        if (givenUp > 0) {
            failForGood(givenUp, lastGivenUp);
        }
        if (outcomes.listening()) {
            outcomes.partly(batch.events, n, rejections.causeAt(), retried);
        }
        return n - retrying;
    }

    /** The events of {@code batch} are settled: none of them waits for a retry any more. */
    private void forgetAll(SentBatch batch) {
        if (!rejectedTimes.isEmpty() && batch.events != null) {
            for (int i = 0; i < batch.size; i++) {
                rejectedTimes.remove(batch.events[i]);
            }
        }
    }

    /** {@code event} left memory without being settled here (dropped under DROP_OLDEST, or spilled). */
    void forget(Object event) {
        if (!rejectedTimes.isEmpty()) {
            rejectedTimes.remove(event);
        }
    }

    /** Nothing is held in memory any more (everything was spilled): no event waits for a retry. */
    void forgetAll() {
        rejectedTimes.clear();
    }

    /**
     * The events of a batch the sink rejected, by index (indexes past the batch are ignored; an index reported
     * twice counts once).
     *
     * @param causeAt the cause per rejected index (the first reported for it), null where the event was taken
     * @param lastCause the cause reported for the last rejected index
     */
    private record Rejections(
            Throwable[] causeAt, int count, Throwable lastCause, boolean allRetriable, boolean anyRetriable) {

        static Rejections of(BatchResult result, int size, GuardedSink<?> sink) {
            Throwable[] causeAt = new Throwable[size];
            int count = 0;
            Throwable cause = null;
            boolean all = true;
            boolean any = false;
            for (BatchResult.EventFailure f : result.failures()) {
                if (f.index() < size && causeAt[f.index()] == null) {
                    causeAt[f.index()] = f.cause();
                    count++;
                    cause = f.cause();
                    boolean retriable = sink.isRetriable(f.cause());
                    all &= retriable;
                    any |= retriable;
                }
            }
            return new Rejections(causeAt, count, cause, all, any);
        }
    }

    private void failForGood(int count, Throwable cause) {
        stats.failed.addAndGet(count);
        ctx.emit(new BatcherEvent.EventsFailed(ctx.name(), count, cause));
    }
}
