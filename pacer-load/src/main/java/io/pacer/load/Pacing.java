package io.pacer.load;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When operations start.
 *
 * <ul>
 *   <li>{@link Open}: operations start on a fixed schedule whatever the system under test does (the way real
 *       traffic arrives); latency is measured from each operation's intended start, so a stall is charged to
 *       every operation it delayed (coordinated-omission correct).</li>
 *   <li>{@link Closed}: each of N users waits for its operation to finish, thinks, then starts the next.</li>
 *   <li>{@link Recorded}: at the recorded times of a capture, times a speed factor ({@link Timeline}).</li>
 *   <li>{@link Unlimited}: as fast as the driver accepts work ({@code --rate -1}), bounded by
 *       {@link Workload#maxOutstanding()}; latency is measured from the actual start, since there is no schedule.</li>
 * </ul>
 */
public sealed interface Pacing {

    /**
     * A target rate across all users.
     *
     * @param ratePerSecond operations per second once ramped up, &gt; 0
     * @param rampUp        time to climb linearly from 0 to the rate ({@link Duration#ZERO} for none)
     * @param steps         later rate changes, in increasing {@link Step#at()} order
     */
    record Open(double ratePerSecond, Duration rampUp, List<Step> steps) implements Pacing {
        public Open {
            Check.positive("rate", ratePerSecond, "operations/s (Pacing.unlimited() for as fast as possible)");
            Objects.requireNonNull(rampUp, "rampUp");
            Check.notNegative("rampUp", rampUp);
            steps = List.copyOf(steps);
            for (int i = 1; i < steps.size(); i++) {
                Check.argument(
                        steps.get(i).at().compareTo(steps.get(i - 1).at()) > 0,
                        "steps must be in increasing time order, but "
                                + steps.get(i).at() + " follows "
                                + steps.get(i - 1).at());
            }
        }
    }

    /**
     * The rate changes to {@code ratePerSecond} at {@code at} after the measured part of the run began.
     */
    record Step(Duration at, double ratePerSecond) {
        public Step {
            Objects.requireNonNull(at, "at");
            Check.positive("step time", at);
            Check.positive("step rate", ratePerSecond, "operations/s");
        }
    }

    /** Each user starts its next operation {@code thinkTime} after the previous one finished. */
    record Closed(Duration thinkTime) implements Pacing {
        public Closed {
            Objects.requireNonNull(thinkTime, "thinkTime");
            Check.notNegative("thinkTime", thinkTime);
        }
    }

    /** As fast as the driver accepts operations. */
    record Unlimited() implements Pacing {}

    /**
     * At the times a recording says, scaled: {@code speed} 2.0 replays twice as fast as recorded. Needs a driver
     * that implements {@link Timeline}.
     */
    record Recorded(double speed) implements Pacing {
        public Recorded {
            Check.positive("speed", speed, "(1.0 = recorded timing; Pacing.unlimited() for as fast as possible)");
        }
    }

    static Open open(double ratePerSecond) {
        return new Open(ratePerSecond, Duration.ZERO, List.of());
    }

    static Closed closed(Duration thinkTime) {
        return new Closed(thinkTime);
    }

    static Unlimited unlimited() {
        return new Unlimited();
    }
}
