package io.pacer.analysis.detect;

import io.pacer.analysis.Detector;
import java.util.List;

/** The system detectors: CPU, memory, GC, heap, disk, endpoints, errors. */
final class SystemDetectors {

    private SystemDetectors() {}

    static List<Detector> all() {
        return List.of(
                new CpuSaturationDetector(),
                new CpuStealDetector(),
                new MemoryPressureDetector(),
                new GcThrashDetector(),
                new HeapLeakDetector(),
                new DiskFullDetector(),
                new DiskSlowDetector(),
                new SlowEndpointDetector(),
                new ErrorBurstDetector());
    }
}
