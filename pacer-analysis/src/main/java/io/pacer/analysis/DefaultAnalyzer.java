package io.pacer.analysis;

import java.util.List;

/** Placeholder until the analyzer lane lands: runs the detectors and reports their findings, unscored. */
final class DefaultAnalyzer implements Analyzer {

    private final List<Detector> detectors;

    DefaultAnalyzer(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    @Override
    public Analysis analyze(AnalysisContext context, AnalysisRequest request) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public List<Detector> detectors() {
        return detectors;
    }
}
