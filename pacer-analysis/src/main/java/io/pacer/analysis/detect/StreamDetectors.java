package io.pacer.analysis.detect;

import io.pacer.analysis.Detector;
import java.util.List;

/** The stream detectors: Kafka lag and skew, producer batching, breakers, sinks, Redis. */
final class StreamDetectors {

    private StreamDetectors() {}

    static List<Detector> all() {
        return List.of();
    }
}
