package io.pacer.analysis;

import java.util.List;

/**
 * Finds one family of bottlenecks in a window of history. A detector reads series through {@link AnalysisContext},
 * decides against thresholds it names in each finding's {@link Evidence}, and returns nothing when all is well — a
 * quiet system yields no finding above {@link Level#INFO}. Detectors are stateless and thread-safe; one that must
 * inspect a live target (the PostgreSQL index advisor) does so through the context's targets, bounded in time.
 */
public interface Detector {

    /** A short name for logs and timings, e.g. {@code cpu}. */
    String name();

    /** Which part of the analysis its findings belong to (the request's {@code include_*} flags select). */
    Category category();

    /** Whether a {@code quick_analysis} runs it: false for detectors that probe live targets or read long windows. */
    default boolean quick() {
        return true;
    }

    /** The findings in the context's window; empty when all is well. */
    List<Finding> detect(AnalysisContext context);
}
