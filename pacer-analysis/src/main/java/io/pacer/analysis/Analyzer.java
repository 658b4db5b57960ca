package io.pacer.analysis;

import java.util.List;

/**
 * Runs the detectors over a window, scores the result and turns findings into ranked recommendations: what
 * {@code POST /api/performance/analyze} and {@code pacer analyze} call. Thread-safe; one analysis at a time per caller.
 */
public interface Analyzer {

    /**
     * Analyses the window ending at the history's {@code to()}.
     *
     * @param context the window and the live targets
     * @param request which categories, how far back, quick or not (the context's window is already cut to it)
     */
    Analysis analyze(AnalysisContext context, AnalysisRequest request);

    /** The detectors it runs, in order. */
    List<Detector> detectors();

    /** An analyzer running {@code detectors} with Pacer's recommendation catalogue. */
    static Analyzer of(List<Detector> detectors) {
        return new DefaultAnalyzer(detectors);
    }
}
