package io.pacer.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one analysis runs over: the window of history, its {@code now}, and the live targets a detector may inspect to
 * check a proposal before offering it.
 *
 * @param history the window (its {@link History#to()} is {@code now})
 * @param postgres PostgreSQL targets as configured for collection (JDBC or libpq URLs with their credentials); the
 *     index advisor runs {@code EXPLAIN} on them
 */
public record AnalysisContext(History history, List<String> postgres) {

    public AnalysisContext {
        Objects.requireNonNull(history, "history");
        postgres = List.copyOf(postgres);
    }

    /** A context with history only (no live target to inspect). */
    public static AnalysisContext of(History history) {
        return new AnalysisContext(history, List.of());
    }

    /** The analysis's {@code now}: the end of its window. */
    public Instant now() {
        return history.to();
    }
}
