package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.Shapes.MIB;
import static io.pacer.analysis.detect.Shapes.counter;
import static io.pacer.analysis.detect.Shapes.detect;
import static io.pacer.analysis.detect.Shapes.gauge;
import static io.pacer.analysis.detect.Shapes.heap;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.Level;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GC thrash and heap leak suspicion, from the monitor's JVM series and from scraped Micrometer meters. */
class JvmDetectorsTest {

    private static final Map<String, String> YOUNG = Map.of("target", "self", "gc", "G1 Young Generation");
    private static final Map<String, String> OLD = Map.of("target", "self", "gc", "G1 Old Generation");
    private static final Map<String, String> CONCURRENT = Map.of("target", "self", "gc", "G1 Concurrent GC");
    private static final Map<String, String> SELF = Map.of("target", "self");

    @Test
    void aJvmPausedAThirdOfTheTimeThrashes() {
        List<Finding> found = detect(
                new GcThrashDetector(),
                counter("jvm.gc.time.seconds.total", YOUNG, 0.3, 1, m -> 0.12),
                counter("jvm.gc.time.seconds.total", OLD, 0.3, 2, m -> 0.18));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.GC_THRASH);
            assertThat(f.subject()).isEqualTo(SELF);
            assertThat(f.level()).isEqualTo(Level.CRITICAL);
            assertThat(f.evidence().get(0).observed()).isBetween(0.27, 0.33);
            assertThat(f.summary()).contains("JVM self spent 3", "4 of 4 quarters");
        });
    }

    @Test
    void concurrentCollectionAndOneLongFullGcAreNoThrash() {
        // young pauses at 2 %, G1's concurrent cycles running half the time beside the application
        assertThat(detect(
                        new GcThrashDetector(),
                        counter("jvm.gc.time.seconds.total", YOUNG, 0.5, 3, m -> 0.02),
                        counter("jvm.gc.time.seconds.total", CONCURRENT, 0.3, 4, m -> 0.5)))
                .isEmpty();
        // one 70 s full GC in minute 4: 12 % of the window, but one quarter of it
        assertThat(detect(
                        new GcThrashDetector(),
                        counter("jvm.gc.time.seconds.total", YOUNG, 0.5, 5, m -> 0.01),
                        counter("jvm.gc.time.seconds.total", OLD, 0, 6, m -> m >= 4 && m < 4.04 ? 17.5 : 0)))
                .isEmpty();
    }

    @Test
    void scrapedPauseSumsAreReadPerTarget() {
        Map<String, String> app = Map.of(
                "target",
                "http://127.0.0.1:9000/metrics",
                "gc",
                "G1 Young Generation",
                "action",
                "end of minor GC",
                "cause",
                "G1 Evacuation Pause");
        Map<String, String> quiet = Map.of(
                "target",
                "http://127.0.0.1:9001/metrics",
                "gc",
                "G1 Young Generation",
                "action",
                "end of minor GC",
                "cause",
                "G1 Evacuation Pause");
        List<Finding> found = detect(
                new GcThrashDetector(),
                counter("jvm_gc_pause_seconds_sum", app, 0.4, 7, m -> 0.15),
                counter("jvm_gc_pause_seconds_sum", quiet, 0.4, 8, m -> 0.01));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo(Map.of("target", "http://127.0.0.1:9000/metrics"));
            assertThat(f.level()).isEqualTo(Level.WARNING);
        });
    }

    @Test
    void aHeapWhoseFloorOnlyGrowsIsALeakAndItsExhaustionIsProjected() {
        // floor 200 MiB rising 60 MiB a minute, a 300 MiB saw every 40 s, max 2 GiB: full in well under an hour
        List<Finding> found = detect(
                new HeapLeakDetector(),
                heap("jvm.memory.heap.used.bytes", SELF, 0.66, 300 * MIB, 9, m -> 200 * MIB + m * 60 * MIB),
                gauge("jvm.memory.heap.max.bytes", SELF, 0, 10, m -> 2048 * MIB));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.HEAP_LEAK);
            assertThat(f.level()).isEqualTo(Level.CRITICAL);
            assertThat(f.evidence())
                    .extracting(Evidence::statistic)
                    .containsExactly("floor_growth_over_window", "hours_until_floor_reaches_max");
            double perHour = 60 * 60 * MIB;
            assertThat(f.evidence().get(0).observed()).isBetween(0.8 * perHour / 6, 1.2 * perHour / 6);
            assertThat(f.summary()).contains("only grows", "heap is full in about", "a leak is suspected");
        });
    }

    @Test
    void aSawWithAFlatFloorAndACacheWarmingUpAreNoLeak() {
        assertThat(detect(
                        new HeapLeakDetector(),
                        heap("jvm.memory.heap.used.bytes", SELF, 0.5, 400 * MIB, 11, m -> 300 * MIB),
                        gauge("jvm.memory.heap.max.bytes", SELF, 0, 12, m -> 4096 * MIB)))
                .isEmpty();
        // a young generation filling for the whole window, with no GC in it: no floor to judge
        assertThat(detect(
                        new HeapLeakDetector(),
                        gauge("jvm.memory.heap.used.bytes", SELF, 2 * MIB, 14, m -> 100 * MIB + m * 25 * MIB)))
                .isEmpty();
        // a fresh JVM: the floor rises by 40 MiB as classes load and a cache fills, then stays
        assertThat(detect(
                        new HeapLeakDetector(),
                        heap(
                                "jvm.memory.heap.used.bytes",
                                SELF,
                                0.5,
                                200 * MIB,
                                13,
                                m -> 30 * MIB + Math.min(m, 4) * 10 * MIB)))
                .isEmpty();
    }

    @Test
    void scrapedPoolsAreSummedIntoOneHeap() {
        String target = "http://127.0.0.1:9000/metrics";
        Map<String, String> eden = Map.of("target", target, "area", "heap", "id", "G1 Eden Space");
        Map<String, String> old = Map.of("target", target, "area", "heap", "id", "G1 Old Gen");
        List<Finding> found = detect(
                new HeapLeakDetector(),
                heap("jvm_memory_used_bytes", eden, 0.5, 250 * MIB, 14, m -> 0),
                gauge("jvm_memory_used_bytes", old, MIB, 15, m -> 100 * MIB + m * 30 * MIB),
                gauge(
                        "jvm_memory_used_bytes",
                        Map.of("target", target, "area", "nonheap", "id", "Metaspace"),
                        0,
                        16,
                        m -> 60 * MIB),
                gauge("jvm_memory_max_bytes", eden, 0, 17, m -> -1),
                gauge("jvm_memory_max_bytes", old, 0, 18, m -> 8192 * MIB));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo(Map.of("target", target));
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.evidence().get(1).note()).contains("max heap 8.0 GiB");
        });
    }
}
