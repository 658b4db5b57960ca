package io.pacer.verdict.baseline;

import java.time.Instant;
import java.util.Objects;

/**
 * A saved result's description, as {@code pacer baseline list} shows it: what was saved, when, from where, and its
 * headline figures so that a list says which baseline is which without opening each.
 *
 * @param schema {@link #SCHEMA}
 * @param name the baseline's name ({@code main}, {@code release-1.4})
 * @param kind {@code run} or {@code suite}
 * @param savedAt when it was saved
 * @param source the file it was saved from, as given
 * @param subject the run's driver or the suite's name
 * @param toolVersion the Pacer version that measured it ({@code dev} from a build tree); null for a suite result
 * @param measuredAt when the measurement started
 * @param operationsPerSecond a run's measured throughput; null for a suite
 * @param p99Micros a run's measured p99 latency, µs; null for a suite
 * @param errorPercent a run's failed operations in percent of all; null for a suite
 * @param scenarios a suite's number of scenarios; null for a run
 */
public record Baseline(
        String schema,
        String name,
        String kind,
        Instant savedAt,
        String source,
        String subject,
        String toolVersion,
        Instant measuredAt,
        Double operationsPerSecond,
        Long p99Micros,
        Double errorPercent,
        Integer scenarios) {

    /** The version of the description's JSON shape. */
    public static final String SCHEMA = "pacer.baseline/1";

    public Baseline {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(savedAt, "savedAt");
    }
}
