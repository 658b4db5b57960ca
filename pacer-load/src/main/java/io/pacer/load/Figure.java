package io.pacer.load;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One named figure of a finished run that a {@link Gate} can bound: failed operations, lost records and — as the
 * verdict work adds them — latency percentiles, throughput, error rate. A figure the run did not measure (lost
 * records of an HTTP run, which does not follow records end to end) reads as empty, never as 0.
 *
 * @param name a short, stable, lower-case name, as gates are written ({@code failed}, {@code lost})
 * @param unit what the figure counts or measures, for reports ({@code operations}, {@code records})
 * @param reader reads the figure from a result; empty when the run did not measure it
 */
public record Figure(String name, String unit, Function<RunResult, OptionalDouble> reader) {

    /** Failed operations, the incomplete ones (still outstanding after the drain timeout) included. */
    public static final Figure FAILED =
            new Figure("failed", "operations", r -> OptionalDouble.of(r.counts().failed()));

    /** Records issued but never received, when the driver follows records end to end. */
    public static final Figure LOST = accounted("lost", RecordAccounting::lost);

    /** Extra arrivals of records already received, when the driver follows records end to end. */
    public static final Figure DUPLICATED = accounted("duplicated", RecordAccounting::duplicated);

    public Figure {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("figure name must be a non-blank name, but was '" + name + "'");
        }
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(reader, "reader");
    }

    /** This figure's value in {@code result}; empty when the run did not measure it. */
    public OptionalDouble in(RunResult result) {
        return Objects.requireNonNull(reader.apply(result), () -> "figure " + name + " read null");
    }

    @Override
    public String toString() {
        return name;
    }

    private static Figure accounted(String name, ToLongFunction<RecordAccounting> value) {
        return new Figure(
                name,
                "records",
                r -> r.accounting() == null
                        ? OptionalDouble.empty()
                        : OptionalDouble.of(value.applyAsLong(r.accounting())));
    }
}
