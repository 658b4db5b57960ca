package io.pacer.load.kafka;

import io.pacer.internal.Check;
import java.util.Locale;
import java.util.Objects;

/**
 * Which key each produced record carries, which decides how records spread over partitions (and, for compacted
 * topics, how many distinct keys there are). Keys are the decimal digits of a number, in ASCII.
 *
 * <ul>
 *   <li>{@code none}: no key; the producer's sticky partitioner fills one batch at a time (like Kafka's own
 *       ProducerPerformance).</li>
 *   <li>{@code sequential}: the operation's sequence number, so every key is distinct.</li>
 *   <li>{@code random:N}: a uniformly random number in {@code [0, N)}.</li>
 * </ul>
 *
 * @param kind        which of the three
 * @param cardinality distinct keys for {@link Kind#RANDOM} (&gt; 0); 0 for the others
 */
public record KeyDistribution(Kind kind, long cardinality) {

    /** The distributions. */
    public enum Kind {
        NONE,
        SEQUENTIAL,
        RANDOM
    }

    public KeyDistribution {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.RANDOM) {
            Check.atLeast("random key cardinality", cardinality, 1);
        } else {
            Check.argument(
                    cardinality == 0,
                    "cardinality applies to random keys only, but was " + cardinality + " for "
                            + kind.name().toLowerCase(Locale.ROOT) + " keys");
        }
    }

    public static KeyDistribution none() {
        return new KeyDistribution(Kind.NONE, 0);
    }

    public static KeyDistribution sequential() {
        return new KeyDistribution(Kind.SEQUENTIAL, 0);
    }

    public static KeyDistribution random(long cardinality) {
        return new KeyDistribution(Kind.RANDOM, cardinality);
    }

    /**
     * Parses {@code none}, {@code sequential} or {@code random:N} (the form {@link #toString()} prints).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static KeyDistribution parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return none();
        }
        if (t.equals("sequential")) {
            return sequential();
        }
        if (t.startsWith("random:")) {
            long n;
            try {
                n = Long.parseLong(t.substring("random:".length()));
            } catch (NumberFormatException e) {
                throw badKeys(text);
            }
            return random(n);
        }
        throw badKeys(text);
    }

    @Override
    public String toString() {
        return kind == Kind.RANDOM ? "random:" + cardinality : kind.name().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException badKeys(String text) {
        return new IllegalArgumentException(
                "keys must be none, sequential or random:<distinct keys> (e.g. random:1000), but was '" + text + "'");
    }
}
