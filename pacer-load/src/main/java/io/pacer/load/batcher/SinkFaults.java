package io.pacer.load.batcher;

import io.pacer.internal.Check;
import io.pacer.tune.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Faults scripted in front of the batcher's sink, whichever it is, so a run can show what the batcher does when
 * its sink fails: retries, breaker trips, spooling and drops. Every fault is a whole sink call (one batch) failing
 * with a retriable error, or a delay; none of them loses or alters an event.
 *
 * <ul>
 *   <li>{@code failRate}: each sink call fails with this probability (0..1), drawn from a generator seeded with
 *       {@code seed}, so a run with the same settings fails the same calls in the same order;</li>
 *   <li>{@code latency}: each sink call waits this long before it reaches the sink (a slow network or disk);</li>
 *   <li>{@code outages}: while an outage lasts, every sink call fails at once.</li>
 * </ul>
 *
 * <p>Outage syntax: {@code LENGTH@AT}, e.g. {@code 10s@30s} — the sink is down for 10 s starting 30 s after the
 * run's start (the driver opening; warm-up included). Several are separated by commas: {@code 5s@10s,5s@40s}.
 * Times take the CLI's forms: {@code 250ms}, {@code 15s}, {@code 2m}.
 *
 * @param failRate probability that a sink call fails, 0..1
 * @param latency  delay before each sink call, 0..1 min
 * @param outages  windows in which every sink call fails; they must not overlap
 * @param seed     seed of the failure draws
 */
public record SinkFaults(double failRate, Duration latency, List<Outage> outages, long seed) {

    public static final Duration MAX_LATENCY = Duration.ofMinutes(1);
    public static final long DEFAULT_SEED = 1;

    public SinkFaults {
        Check.range("failRate", failRate, 0, 1);
        Check.duration("sinkLatency", latency, Duration.ZERO, MAX_LATENCY);
        outages = List.copyOf(Objects.requireNonNull(outages, "outages"));
        List<Outage> sorted = new ArrayList<>(outages);
        sorted.sort((a, b) -> a.at().compareTo(b.at()));
        for (int i = 1; i < sorted.size(); i++) {
            Outage before = sorted.get(i - 1);
            Check.argument(
                    before.at().plus(before.length()).compareTo(sorted.get(i).at()) <= 0,
                    "outages must not overlap, but " + before + " and " + sorted.get(i) + " do");
        }
    }

    /** No faults: the sink as it is. */
    public static SinkFaults none() {
        return new SinkFaults(0, Duration.ZERO, List.of(), DEFAULT_SEED);
    }

    public boolean any() {
        return failRate > 0 || !latency.isZero() || !outages.isEmpty();
    }

    public SinkFaults withFailRate(double value) {
        return new SinkFaults(value, latency, outages, seed);
    }

    public SinkFaults withLatency(Duration value) {
        return new SinkFaults(failRate, value, outages, seed);
    }

    public SinkFaults withOutages(List<Outage> value) {
        return new SinkFaults(failRate, latency, value, seed);
    }

    public SinkFaults withSeed(long value) {
        return new SinkFaults(failRate, latency, outages, value);
    }

    /** The outage (if any) that covers {@code sinceStart}. */
    Outage outageAt(Duration sinceStart) {
        for (Outage o : outages) {
            if (o.covers(sinceStart)) {
                return o;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "fail-rate=" + failRate + " sink-latency=" + latency.toMillis() + "ms outages="
                + outages.stream().map(Outage::toString).collect(Collectors.joining(","));
    }

    /**
     * The sink is down for {@code length} from {@code at} after the run's start.
     *
     * @param length how long, > 0
     * @param at     when it begins, >= 0
     */
    public record Outage(Duration length, Duration at) {

        public Outage {
            Check.positive("outage length", length);
            Check.notNegative("outage start", at);
        }

        /**
         * Parses {@code LENGTH@AT[,LENGTH@AT...]}, e.g. {@code 10s@30s} or {@code 5s@10s,5s@40s}.
         *
         * @throws IllegalArgumentException naming the bad part and the syntax
         */
        public static List<Outage> parseAll(String text) {
            Objects.requireNonNull(text, "text");
            List<Outage> parsed = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                parsed.add(parse(part.trim(), text));
            }
            return parsed;
        }

        private static Outage parse(String part, String whole) {
            int at = part.indexOf('@');
            String syntax = "must be LENGTH@AT (e.g. 10s@30s: down for 10s from 30s after the start; several "
                    + "separated by commas)";
            if (at <= 0 || at == part.length() - 1) {
                throw new IllegalArgumentException("outage '" + whole + "' " + syntax);
            }
            try {
                return new Outage(time(part.substring(0, at)), time(part.substring(at + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("outage '" + whole + "' " + syntax + ": " + e.getMessage());
            }
        }

        private static Duration time(String text) {
            String t = text.trim();
            return t.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(t)) : Durations.parse(t);
        }

        boolean covers(Duration sinceStart) {
            return sinceStart.compareTo(at) >= 0 && sinceStart.compareTo(at.plus(length)) < 0;
        }

        @Override
        public String toString() {
            return length.toMillis() + "ms@" + at.toMillis() + "ms";
        }
    }
}
