package io.pacer.batch;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Tells the application's {@link DeliveryListener} what became of settled events: builds the immutable lists,
 * groups failed events by cause and keeps the listener's exceptions away from the flusher. {@link #listening()}
 * is false without a listener, and callers skip building anything then. Flusher thread only.
 */
final class Outcomes<O> {
    private final FlusherContext<O> ctx;
    /** As the sink's type: sound for a listener of a supertype, since the lists it gets are read-only. */
    private final DeliveryListener<O> listener;

    private boolean warned;

    @SuppressWarnings("unchecked")
    Outcomes(FlusherContext<O> ctx, DeliveryListener<? super O> listenerOrNull) {
        this.ctx = ctx;
        this.listener = (DeliveryListener<O>) listenerOrNull;
    }

    boolean listening() {
        return listener != null;
    }

    /** Every event of {@code sentList} was delivered; the listener gets a read-only view (no copy). */
    void deliveredAll(List<?> sentList) {
        if (listener != null && !sentList.isEmpty()) {
            List<O> view = view(sentList);
            try {
                listener.delivered(view);
            } catch (RuntimeException e) {
                threw("delivered", e);
            }
        }
    }

    /** Every event of {@code sentList} failed for good with {@code cause}. */
    void failedAll(List<?> sentList, Throwable cause) {
        if (listener != null && !sentList.isEmpty()) {
            List<O> view = view(sentList);
            try {
                listener.failed(view, cause);
            } catch (RuntimeException e) {
                threw("failed", e);
            }
        }
    }

    /**
     * A batch answered in part: reports the events not rejected as delivered, and the rejected ones not retried as
     * failed, in runs of consecutive such events sharing one cause (by identity).
     *
     * @param causeAt the cause per rejected index; null where the event was taken
     * @param retried whether the rejected event at an index is retried (it is then not reported yet)
     */
    void partly(Object[] events, int size, Throwable[] causeAt, boolean[] retried) {
        if (listener == null) {
            return;
        }
        Object[] ok = new Object[size];
        int okCount = 0;
        for (int i = 0; i < size; i++) {
            if (causeAt[i] == null) {
                ok[okCount++] = events[i];
            }
        }
        if (okCount > 0) {
            deliveredAll(Arrays.asList(Arrays.copyOf(ok, okCount)));
        }
        Object[] run = ok; // reused: the delivered events were copied out
        int runLength = 0;
        Throwable runCause = null;
        for (int i = 0; i < size; i++) {
            Throwable cause = causeAt[i];
            if (cause == null || retried[i]) {
                continue;
            }
            if (cause != runCause && runLength > 0) {
                failedAll(Arrays.asList(Arrays.copyOf(run, runLength)), runCause);
                runLength = 0;
            }
            runCause = cause;
            run[runLength++] = events[i];
        }
        if (runLength > 0) {
            failedAll(Arrays.asList(Arrays.copyOf(run, runLength)), runCause);
        }
    }

    @SuppressWarnings("unchecked")
    private static <O> List<O> view(List<?> list) {
        return Collections.unmodifiableList((List<O>) list);
    }

    private void threw(String method, RuntimeException e) {
        if (!warned) {
            warned = true;
            ctx.log()
                    .warn(
                            "batcher {}: delivery listener threw from {}() (ignored; later throws logged at debug)",
                            ctx.name(),
                            method,
                            e);
        } else {
            ctx.log().debug("batcher {}: delivery listener threw from {}()", ctx.name(), method, e);
        }
    }
}
