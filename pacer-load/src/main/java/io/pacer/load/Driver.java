package io.pacer.load;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What a load test does once per scheduled operation: send a record, make a request, poll a consumer.
 *
 * <p>The {@link LoadEngine} decides <em>when</em> each operation should start (its intended start) and
 * measures latency from that moment to the completion of the returned stage, so a driver only does the work.
 *
 * <p>Threading: {@link #start} is called from the engine's pacing thread(s) and must return quickly — start the
 * work asynchronously (Kafka's {@code send} callback, the JDK's {@code HttpClient.sendAsync}) and complete the
 * stage from whatever thread finishes it. Brief blocking for back-pressure (a full producer buffer) is fine: it
 * shows up as schedule lag and as latency counted from the intended start, never as a hidden gap. A driver whose
 * work is inherently synchronous (a consumer's {@code poll}) completes the stage before returning.
 *
 * <p>Failures: complete the stage with {@link Outcome#failed(String)} for a classified failure (HTTP 503), or
 * exceptionally — the engine then counts the failure under the exception's simple class name. Every failure is
 * counted and its latency recorded; none is left out of the statistics.
 */
public interface Driver extends AutoCloseable {

    /** Connects, creates what the run needs (topics), warms connections. Called once before the first operation. */
    default void open() throws Exception {}

    /** Starts one operation; the stage completes when it has finished. Must not throw for a failed operation. */
    CompletionStage<Outcome> start(Call call);

    /**
     * Driver-specific figures sampled once per interval and at the end (for example {@code lag} or
     * {@code duplicates}); keys are stable lower-case names, values in the unit the name states.
     */
    default Map<String, Double> gauges() {
        return Map.of();
    }

    /**
     * Driver-specific totals for the report, read once after the last operation settled (e.g. {@code produced});
     * keys are stable lower-case names, values in the unit the name states.
     */
    default Map<String, Double> summary() {
        return Map.of();
    }

    /**
     * The fate of every record, for a driver that follows each one end to end (the stream test); read once after the
     * last operation settled, into {@link RunResult#accounting()}, where the default gates of {@link Verdict} find lost
     * and duplicated records. Empty — the default — for a driver that does not follow records that way: that is not
     * the same as none lost.
     */
    default Optional<RecordAccounting> accounting() {
        return Optional.empty();
    }

    /** A short description for reports, e.g. {@code kafka-produce topic=orders acks=all}. */
    String describe();

    /** Releases clients; called once after the run even if {@link #open()} failed. */
    @Override
    default void close() throws Exception {}
}
