package io.pacer.load.kafka;

import io.pacer.internal.Check;
import io.pacer.tune.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * What turns the stream test's input records into output records.
 *
 * <ul>
 *   <li>{@link #passThrough()}: built in, copies every input record to the output topic as soon as it is read —
 *       the floor a real service is compared with.</li>
 *   <li>{@link #delay(Duration)}: built in, writes each record {@code delay} after it was read, in order.</li>
 *   <li>{@link #external()}: your own service reads the input topic and writes the output topic; it must keep the
 *       record key, which carries the id.</li>
 * </ul>
 */
public sealed interface Processor permits Processor.PassThrough, Processor.Delay, Processor.External, Fated {

    /** Longest delay {@link #delay} accepts. */
    Duration MAX_DELAY = Duration.ofMinutes(1);

    record PassThrough() implements Processor {
        @Override
        public String toString() {
            return "pass-through";
        }
    }

    record Delay(Duration delay) implements Processor {
        public Delay {
            Check.duration("delay", delay, Duration.ZERO, MAX_DELAY);
        }

        @Override
        public String toString() {
            return "delay:" + delay.toMillis() + "ms";
        }
    }

    record External() implements Processor {
        @Override
        public String toString() {
            return "external";
        }
    }

    static Processor passThrough() {
        return new PassThrough();
    }

    static Processor delay(Duration delay) {
        return new Delay(delay);
    }

    static Processor external() {
        return new External();
    }

    /**
     * Parses {@code pass-through}, {@code delay:<duration>} (e.g. {@code delay:20ms}) or {@code external}.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    static Processor parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("pass-through")) {
            return passThrough();
        }
        if (t.equals("external")) {
            return external();
        }
        if (t.startsWith("delay:")) {
            return delay(Durations.parse(t.substring("delay:".length())));
        }
        throw new IllegalArgumentException("processor must be pass-through, delay:<duration> (e.g. delay:20ms) or"
                + " external, but was '" + text + "'");
    }
}
