package io.pacer.batch;

/**
 * The settings the flusher reads on every pass: when a batch is complete and how many may be in flight. One
 * immutable value, replaced as a whole when a tunable changes, so the flusher reads one consistent set per pass
 * with one volatile read and {@link FlushDecision} can be given them as numbers. Values are validated where they
 * come from ({@link BatchPolicy}, {@link BatcherBuilder#maxInFlight}, the tunables).
 *
 * @param maxEvents a batch is full at this many events
 * @param maxBytes a batch is full once its events' sizes add up to this
 * @param lingerNanos a batch is due this long after its first event was offered
 * @param maxInFlight how many batches may be delivered at once
 */
record FlushLimits(int maxEvents, long maxBytes, long lingerNanos, int maxInFlight) {

    FlushLimits withMaxEvents(int value) {
        return new FlushLimits(value, maxBytes, lingerNanos, maxInFlight);
    }

    FlushLimits withLingerNanos(long value) {
        return new FlushLimits(maxEvents, maxBytes, value, maxInFlight);
    }

    FlushLimits withMaxInFlight(int value) {
        return new FlushLimits(maxEvents, maxBytes, lingerNanos, value);
    }
}
