package io.pacer.analysis.detect;

import io.pacer.analysis.Detector;
import java.util.ArrayList;
import java.util.List;

/** Every detector Pacer ships, in the order an analysis runs them: system, integration, database. */
public final class Detectors {

    private Detectors() {}

    /** Every detector; {@code io.pacer.analysis.Analyzer.of(Detectors.all())} is the standard analyzer. */
    public static List<Detector> all() {
        List<Detector> all = new ArrayList<>();
        all.addAll(SystemDetectors.all());
        all.addAll(StreamDetectors.all());
        all.addAll(DatabaseDetectors.all());
        return List.copyOf(all);
    }
}
