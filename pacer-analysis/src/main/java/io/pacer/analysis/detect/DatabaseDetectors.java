package io.pacer.analysis.detect;

import io.pacer.analysis.Detector;
import java.util.List;

/** The database detectors: connection pools, PostgreSQL cache, slow queries, missing indexes. */
final class DatabaseDetectors {

    private DatabaseDetectors() {}

    static List<Detector> all() {
        return List.of(
                new PoolExhaustedDetector(),
                new PostgresCacheDropDetector(),
                new PostgresSlowQueriesDetector(),
                new MissingIndexDetector(MissingIndexDetector.DEFAULT_BUDGET));
    }
}
