package io.pacer.monitor.collect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the runner knows about one collector after its latest collection: what a live table, the health score and the
 * service's targets page show. A collector is {@link State#DOWN} from its first failed or timed-out collection until it
 * next succeeds; the reason stays in {@link #lastError} until then.
 *
 * @param name the collector's {@link io.pacer.monitor.Collector#name()}
 * @param state up, down, or not yet collected
 * @param lastAt when the latest collection started; null before the first
 * @param lastDuration how long the latest collection took (the timeout when it timed out); zero before the first
 * @param lastSamples how many samples the latest successful collection yielded
 * @param lastError why the latest collection failed, with a sample of what arrived when the target answered garbage;
 *     null while up
 * @param collections collections finished, successful or not
 * @param failures collections that failed or timed out
 * @param skipped cycles skipped because the previous collection was still running
 * @param notes what the latest successful collection could not read although its target answered, and why (from a
 *     {@link Noted} collector); empty otherwise
 */
public record CollectorHealth(
        String name,
        State state,
        Instant lastAt,
        Duration lastDuration,
        int lastSamples,
        String lastError,
        long collections,
        long failures,
        long skipped,
        List<String> notes) {

    /** A collector's state. */
    public enum State {
        /** Started, nothing collected yet. */
        STARTING,
        /** The latest collection succeeded. */
        UP,
        /** The latest collection failed or timed out. */
        DOWN
    }

    public CollectorHealth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastDuration, "lastDuration");
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    static CollectorHealth starting(String name) {
        return new CollectorHealth(name, State.STARTING, null, Duration.ZERO, 0, null, 0, 0, 0, List.of());
    }

    CollectorHealth up(Instant at, Duration took, int samples, List<String> notes) {
        return new CollectorHealth(name, State.UP, at, took, samples, null, collections + 1, failures, skipped, notes);
    }

    CollectorHealth down(Instant at, Duration took, String error) {
        return new CollectorHealth(name, State.DOWN, at, took, 0, error, collections + 1, failures + 1, skipped, notes);
    }

    CollectorHealth skippedOne() {
        return new CollectorHealth(
                name, state, lastAt, lastDuration, lastSamples, lastError, collections, failures, skipped + 1, notes);
    }
}
