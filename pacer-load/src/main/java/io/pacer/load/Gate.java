package io.pacer.load;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bound a finished run must meet: one {@link Figure} of its result compared with a limit — {@code failed = 0},
 * {@code p95 < 500 ms}, {@code throughput >= 1000/s}. {@link #check} says whether a run met it and carries the measured
 * value beside the bound, so a failure explains itself.
 *
 * <p>Gates are written in one compact syntax, on the command line and in suite files alike, and {@link #parse} is the
 * one place it is read: {@code METRIC[LABEL] OP BOUND} — {@code p95<500ms}, {@code errors<1%},
 * {@code throughput>=1000/s}, {@code lost=0}, {@code p99[checkout]<20ms}, {@code summary.rebalances<=1}. Latency
 * bounds need a unit ({@code us}, {@code ms}, {@code s}); error rates a {@code %}; throughput may end in {@code /s};
 * counts are plain numbers.
 *
 * @param figure what is bounded
 * @param comparison how the measured value must compare with the bound
 * @param bound the limit, in the figure's unit
 */
public record Gate(Figure figure, Comparison comparison, double bound) {

    /** The syntax {@link #parse} reads, as error messages show it. */
    public static final String SYNTAX = "METRIC[LABEL] OP BOUND with OP one of < <= = >= >, e.g. p95<500ms, errors<1%,"
            + " throughput>=1000/s, lost=0, p99[checkout]<20ms";

    private static final Pattern GATE =
            Pattern.compile("\\s*([A-Za-z0-9_.-]+)\\s*(?:\\[([^\\]]*)])?\\s*(<=|>=|==|<|>|=)\\s*(.*?)\\s*");
    private static final Pattern NUMBER = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    public Gate {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(comparison, "comparison");
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException(
                    "bound of the gate on " + figure.name() + " must be a finite number, but was " + bound);
        }
    }

    /**
     * Reads a gate as written: {@code p95<500ms}, {@code errors<1%}, {@code throughput>=1000/s}, {@code lost=0},
     * {@code p99[checkout]<20ms} ({@link #SYNTAX}). Latency bounds are held in ms, error rates in %, throughput in
     * operations per second.
     *
     * @throws IllegalArgumentException naming the gate and what is wrong: the syntax, the valid metric names, or the
     *     form the bound must take
     */
    public static Gate parse(String text) {
        Objects.requireNonNull(text, "gate");
        Matcher m = GATE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("gate '" + text + "' must be " + SYNTAX);
        }
        Figure figure;
        try {
            figure = Figure.named(
                    m.group(1), m.group(2) == null ? null : m.group(2).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gate '" + text + "': " + e.getMessage(), e);
        }
        String op = m.group(3).equals("==") ? "=" : m.group(3);
        Comparison comparison = null;
        for (Comparison c : Comparison.values()) {
            if (c.symbol.equals(op)) {
                comparison = c;
            }
        }
        return new Gate(figure, comparison, bound(text, figure, m.group(4)));
    }

    private static double bound(String gate, Figure figure, String text) {
        String bound = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        Matcher number = NUMBER.matcher(bound);
        String suffix = number.lookingAt() ? bound.substring(number.end()).trim() : null;
        double value = suffix == null ? Double.NaN : Double.parseDouble(number.group());
        String unit = figure.unit();
        if (unit.equals("ms")) {
            double scale = suffix == null
                    ? Double.NaN
                    : switch (suffix) {
                        case "us", "µs" -> 0.001;
                        case "ms" -> 1;
                        case "s" -> 1000;
                        case "m", "min" -> 60_000;
                        default -> Double.NaN;
                    };
            return checked(gate, text, value * scale, "a latency with its unit, e.g. 500ms, 2s or 800us");
        }
        if (unit.equals("%")) {
            return checked(gate, text, "%".equals(suffix) ? value : Double.NaN, "a percentage, e.g. 1% or 0.5%");
        }
        if (unit.startsWith("/")) {
            boolean ok = "".equals(suffix) || unit.equals(suffix);
            return checked(gate, text, ok ? value : Double.NaN, "a rate per second, e.g. 1000/s or 1000");
        }
        return checked(
                gate,
                text,
                "".equals(suffix) ? value : Double.NaN,
                "a number of " + (unit.isEmpty() ? "units" : unit) + ", e.g. 0 or 10");
    }

    private static double checked(String gate, String text, double value, String form) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    "gate '" + gate + "': bound '" + text + "' must be " + form + " (gates read " + SYNTAX + ")");
        }
        return value;
    }

    /** How {@code result} fares against this gate; a figure the run did not measure does not fail it. */
    public Check check(RunResult result) {
        return new Check(this, figure.in(result), false);
    }

    /**
     * How {@code result} fares against this gate when someone asked for it ({@code --gate}, a suite): a figure the run
     * did not measure fails it — a gate is never silently true.
     */
    public Check require(RunResult result) {
        return new Check(this, figure.in(result), true);
    }

    /** As a gate is written: {@code failed = 0}, {@code lost = 0}, {@code p95 < 500 ms}. */
    @Override
    public String toString() {
        return figure.name() + " " + comparison.symbol + " " + quantity(figure, bound);
    }

    /** {@code value} with the figure's unit symbol when it is a measure: {@code 500 ms}, {@code 1%}, {@code 1000/s}. */
    public static String quantity(Figure figure, double value) {
        if (!figure.isMeasure()) {
            return format(value);
        }
        return format(value) + (figure.unit().equals("ms") ? " ms" : figure.unit());
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
     * A gate checked against one run. A gate on a figure the run did not measure does not apply ({@link #applies()}
     * false): it fails the run when it was {@code required} (asked for by someone), and passes it otherwise (the
     * {@link Verdict#DEFAULT_GATES}: lost records do not apply to an HTTP run).
     *
     * @param gate the gate
     * @param measured the figure's value in the run; empty when the run did not measure it
     * @param required whether a figure the run did not measure fails the gate
     */
    public record Check(Gate gate, OptionalDouble measured, boolean required) {

        public Check {
            Objects.requireNonNull(gate, "gate");
            Objects.requireNonNull(measured, "measured");
        }

        /** A check that a figure the run did not measure does not fail. */
        public Check(Gate gate, OptionalDouble measured) {
            this(gate, measured, false);
        }

        /** Whether the run measured the gate's figure. */
        public boolean applies() {
            return measured.isPresent();
        }

        /** Whether the run met the gate, or the gate did not apply and was not {@link #required()}. */
        public boolean passed() {
            return measured.isEmpty() ? !required : gate.comparison().holds(measured.getAsDouble(), gate.bound());
        }

        /** Whether the run measured the figure and met the bound, required or not. */
        public boolean met() {
            return applies() && passed();
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
            Figure figure = gate.figure();
            String what =
                    figure.name() + (figure.isMeasure() || figure.unit().isEmpty() ? "" : " " + figure.unit()) + ": ";
            if (measured.isEmpty()) {
                return what + "not measured";
            }
            String must = gate.comparison() == Comparison.EQUAL
                    ? ""
                    : gate.comparison().symbol() + " ";
            return what + quantity(figure, measured.getAsDouble()) + ", must be " + must
                    + quantity(figure, gate.bound());
        }
    }

    /** Shortest plain form: 12, 0.5, 1000 — never 1.0E3; at most 6 significant digits (612.345 for 612.3451). */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal exact = BigDecimal.valueOf(value);
        BigDecimal shown =
                exact.precision() > 6 && Math.abs(value) < 1e6 ? exact.round(new java.math.MathContext(6)) : exact;
        return shown.stripTrailingZeros().toPlainString();
    }
}
