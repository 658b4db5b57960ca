package io.pacer.analysis.detect;

import io.pacer.analysis.Detector;
import java.util.List;

/** The database detectors: PostgreSQL cache, slow queries, missing indexes. */
final class DatabaseDetectors {

    private DatabaseDetectors() {}

    static List<Detector> all() {
        return List.of();
    }
}
