package io.pacer.load;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A bound a finished run must meet: one {@link Figure} of its result compared with a limit — {@code failed = 0}
 * today, {@code p95 < 500 ms} or {@code throughput >= 1000/s} once suites add gates. {@link #check} says whether a run
 * met it and carries the measured value beside the bound, so a failure explains itself.
 *
 * @param figure what is bounded
 * @param comparison how the measured value must compare with the bound
 * @param bound the limit, in the figure's unit
 */
public record Gate(Figure figure, Comparison comparison, double bound) {

    public Gate {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(comparison, "comparison");
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException(
                    "bound of the gate on " + figure.name() + " must be a finite number, but was " + bound);
        }
    }

    /** How {@code result} fares against this gate. */
    public Check check(RunResult result) {
        return new Check(this, figure.in(result));
    }

    /** As a gate is written: {@code failed = 0}, {@code lost = 0}. */
    @Override
    public String toString() {
        return figure.name() + " " + comparison.symbol + " " + format(bound);
    }

    /** The ways a measured value may have to compare with a bound. */
    public enum Comparison {
        LESS("<"),
        AT_MOST("<="),
        EQUAL("="),
        AT_LEAST(">="),
        GREATER(">");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        /** As written in a gate: {@code <}, {@code <=}, {@code =}, {@code >=} or {@code >}. */
        public String symbol() {
            return symbol;
        }

        /** Whether {@code measured} compares with {@code bound} this way; a measured NaN never does. */
        public boolean holds(double measured, double bound) {
            return switch (this) {
                case LESS -> measured < bound;
                case AT_MOST -> measured <= bound;
                case EQUAL -> measured == bound;
                case AT_LEAST -> measured >= bound;
                case GREATER -> measured > bound;
            };
        }
    }

    /**
     * A gate checked against one run. A gate on a figure the run did not measure does not apply: it neither passes
     * nor fails the run ({@link #passed()} is true, {@link #applies()} false).
     *
     * @param gate the gate
     * @param measured the figure's value in the run; empty when the run did not measure it
     */
    public record Check(Gate gate, OptionalDouble measured) {

        public Check {
            Objects.requireNonNull(gate, "gate");
            Objects.requireNonNull(measured, "measured");
        }

        /** Whether the run measured the gate's figure. */
        public boolean applies() {
            return measured.isPresent();
        }

        /** Whether the run met the gate (or the gate did not apply). */
        public boolean passed() {
            return measured.isEmpty() || gate.comparison().holds(measured.getAsDouble(), gate.bound());
        }

        /** The bound the measured value was held to, in the figure's unit. */
        public double bound() {
            return gate.bound();
        }

        /**
         * {@code lost records: 3, must be 0}; {@code failed operations: 12, must be < 10}; {@code lost records: not
         * measured}.
         */
        @Override
        public String toString() {
            String what = gate.figure().name() + " " + gate.figure().unit() + ": ";
            if (measured.isEmpty()) {
                return what + "not measured";
            }
            String must = gate.comparison() == Comparison.EQUAL
                    ? ""
                    : gate.comparison().symbol() + " ";
            return what + format(measured.getAsDouble()) + ", must be " + must + format(gate.bound());
        }
    }

    /** Shortest plain form: 12, 0.5, 1000 — never 1.0E3. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
