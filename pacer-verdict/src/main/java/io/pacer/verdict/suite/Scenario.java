package io.pacer.verdict.suite;

import io.pacer.internal.Check;
import io.pacer.load.Gate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scenario of a suite: a driver with its options (named as the driver's CLI flags: {@code rate}, {@code duration},
 * {@code warmup}, {@code record-size}, {@code P}), its gates, and optionally a capacity search.
 *
 * @param name unique within the suite ({@code baseline}, {@code stress})
 * @param driver the driver as the CLI names it ({@code kafka produce}, {@code stream}, {@code http})
 * @param options the driver's options by flag name, in the order written
 * @param gates the gates, in the order written
 * @param abortOnFail stop the run as soon as a gate is already lost, instead of running to its limit
 * @param search the capacity search; null for a plain run
 * @param enabled whether the suite runs it unless asked ({@code enabled: false} and {@code pacer full --with NAME})
 * @param at where the scenario was written
 */
public record Scenario(
        String name,
        String driver,
        Map<String, Option> options,
        List<GateSpec> gates,
        boolean abortOnFail,
        Search search,
        boolean enabled,
        Location at) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(at, "at");
        options = Map.copyOf(options);
        gates = List.copyOf(gates);
    }

    /** The gates themselves, in order. */
    public List<Gate> gateList() {
        return gates.stream().map(GateSpec::gate).toList();
    }

    /**
     * One option as written: a single value, several (a repeatable flag such as {@code P}), or {@code true} for a
     * flag without value.
     *
     * @param name the flag's name without dashes ({@code rate}, {@code P})
     * @param values the values, as text
     * @param at where the option was written
     * @param inherited whether it comes from the suite's {@code defaults} (a driver without such an option ignores
     *     it) rather than from the scenario itself
     */
    public record Option(String name, List<String> values, Location at, boolean inherited) {
        public Option {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    /**
     * A gate as written, parsed.
     *
     * @param text as written ({@code p95<500ms})
     * @param gate parsed by {@link Gate#parse}
     * @param at where it was written
     */
    public record GateSpec(String text, Gate gate, Location at) {}

    /**
     * A capacity search: run the scenario at {@code from} operations per second, then step the rate up (by adding
     * {@code step}, or multiplying by {@code factor}) until a gate breaks or {@code to} has passed; then bisect
     * {@code refine} times between the last rate that passed and the first that failed.
     *
     * @param from the first rate, operations per second
     * @param to the highest rate tried
     * @param step added to the rate each step; 0 when {@code factor} is used
     * @param factor the rate is multiplied by this each step; 0 when {@code step} is used
     * @param refine bisection rounds after the first failing step (0 = none)
     * @param min the capacity the scenario must find to pass (a gate {@code capacity>=min}); null for none
     */
    public record Search(double from, double to, double step, double factor, int refine, Double min) {

        /** Bisection rounds at most: each halves the gap, so 10 rounds resolve a 1000× range to 0.1 %. */
        public static final int MAX_REFINE = 10;

        public Search {
            Check.positive("search from", from, "operations/s");
            Check.that(to >= from, "search to", ">= from (" + Gate.format(from) + ")", to);
            Check.argument(
                    (step > 0) != (factor > 0),
                    "a search needs either step (a rate added each step) or factor (> 1, multiplied each step)");
            Check.that(factor == 0 || factor > 1, "search factor", "> 1", factor);
            Check.range("search refine", refine, 0, MAX_REFINE);
            Check.that(min == null || min > 0, "search min", "> 0 operations/s", min);
        }

        /** The rate after {@code rate} in the stepping phase. */
        public double next(double rate) {
            return step > 0 ? rate + step : rate * factor;
        }
    }
}
