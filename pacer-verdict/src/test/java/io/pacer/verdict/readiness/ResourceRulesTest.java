package io.pacer.verdict.readiness;

import static io.pacer.verdict.readiness.Snapshots.input;
import static io.pacer.verdict.readiness.Snapshots.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceRulesTest {

    private static final long GIB = 1L << 30;

    private final ResourceRules rules = new ResourceRules();

    /** 4 CPUs, 8 GiB dedicated, a 5 GiB G1 heap, short pauses, a half-empty disk: nothing to say. */
    private static ResourceSnapshot healthy() {
        return snapshot(
                4,
                8 * GIB,
                5 * GIB,
                List.of("G1 Young Generation", "G1 Old Generation"),
                List.of(12.0, 30.0),
                50 * GIB,
                true);
    }

    private static ResourceSnapshot snapshot(
            int cpus, long memory, long heap, List<String> gc, List<Double> pauses, long diskFree, boolean dedicated) {
        return new ResourceSnapshot(
                "given by flags",
                cpus,
                memory,
                heap,
                gc,
                pauses,
                Map.of("/var/lib/kafka", diskFree),
                Map.of("/var/lib/kafka", 100 * GIB),
                dedicated);
    }

    private List<Finding> check(Environment env, ResourceSnapshot r, String ruleId) {
        return only(rules.check(input(env, r)), ruleId);
    }

    @Test
    void aHealthyTargetPasses() {
        assertThat(rules.check(input(Environment.PRODUCTION, healthy()))).isEmpty();
    }

    @ParameterizedTest(name = "heap {0} MiB of 8 GiB in {1}: {2}")
    @CsvSource({
        "7900, PRODUCTION, CRITICAL",
        "7900, DEVELOPMENT, INFO",
        "6600, PRODUCTION, WARNING",
        "6000, PRODUCTION, ",
    })
    void heapHeadroom(long heapMib, Environment env, Severity expected) {
        ResourceSnapshot r = snapshot(4, 8 * GIB, heapMib << 20, List.of("G1"), List.of(), 50 * GIB, true);
        List<Finding> found = check(env, r, "resources.heap-headroom");
        if (expected == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(expected);
                assertThat(f.evidence())
                        .containsExactly(
                                new Evidence("heap max " + Bytes.format(heapMib << 20), "flags"),
                                new Evidence("memory limit 8.0 GiB", "flags"));
                assertThat(f.fix()).startsWith("-Xmx5734m");
            });
        }
    }

    @Test
    void aSmallHeapIsANoteOnlyWhenTheMemoryIsTheServicesAlone() {
        ResourceSnapshot container = snapshot(4, 16 * GIB, 2 * GIB, List.of("G1"), List.of(), 50 * GIB, true);
        assertThat(check(Environment.PRODUCTION, container, "resources.heap-small"))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        ResourceSnapshot sharedHost = snapshot(4, 16 * GIB, 2 * GIB, List.of("G1"), List.of(), 50 * GIB, false);
        assertThat(check(Environment.PRODUCTION, sharedHost, "resources.heap-small"))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
        "'PS Scavenge,PS MarkSweep', PRODUCTION, WARNING",
        "'Copy,MarkSweepCompact', PRODUCTION, WARNING",
        "Parallel, DEVELOPMENT, INFO",
        "Serial, STAGING, WARNING",
        "Epsilon, PRODUCTION, CRITICAL",
        "'G1 Young Generation,G1 Old Generation', PRODUCTION, ",
        "'ZGC Cycles,ZGC Pauses', PRODUCTION, ",
        "'Shenandoah Cycles,Shenandoah Pauses', PRODUCTION, ",
    })
    void collectorChoice(String gcs, Environment env, Severity expected) {
        ResourceSnapshot r = snapshot(4, 8 * GIB, 5 * GIB, List.of(gcs.split(",")), List.of(), 50 * GIB, true);
        List<Finding> found = check(env, r, "resources.gc-choice");
        if (expected == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(expected);
                assertThat(f.fix()).startsWith("-XX:+UseG1GC");
            });
        }
    }

    @ParameterizedTest(name = "longest pause {0} ms in {1}: {2}")
    @CsvSource({"150, PRODUCTION, ", "450, PRODUCTION, WARNING", "2500, PRODUCTION, CRITICAL", "2500, DEVELOPMENT, INFO"
    })
    void recentPauses(double longest, Environment env, Severity expected) {
        ResourceSnapshot r =
                snapshot(4, 8 * GIB, 5 * GIB, List.of("G1 Young Generation"), List.of(20.0, longest), 50 * GIB, true);
        List<Finding> found = check(env, r, "resources.gc-pauses");
        if (expected == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(expected);
                assertThat(f.evidence()).contains(new Evidence(String.format("GC pause %.0f ms", longest), "flags"));
            });
        }
    }

    @Test
    void oneCpu() {
        ResourceSnapshot r = snapshot(1, 8 * GIB, 5 * GIB, List.of("G1"), List.of(), 50 * GIB, true);
        assertThat(check(Environment.PRODUCTION, r, "resources.cpu-count"))
                .singleElement()
                .satisfies(
                        f -> assertThat(f.evidence()).containsExactly(new Evidence("available processors 1", "flags")));
    }

    @ParameterizedTest(name = "{0} MiB free of 100 GiB in {1}: {2}")
    @CsvSource({
        "512, DEVELOPMENT, INFO",
        "5120, PRODUCTION, CRITICAL",
        "15360, PRODUCTION, WARNING",
        "30720, PRODUCTION, ",
    })
    void freeDisk(long freeMib, Environment env, Severity expected) {
        ResourceSnapshot r = snapshot(4, 8 * GIB, 5 * GIB, List.of("G1"), List.of(), freeMib << 20, true);
        List<Finding> found = check(env, r, "resources.disk-free");
        if (expected == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(expected);
                assertThat(f.evidence().get(0).where()).isEqualTo("flags /var/lib/kafka");
            });
        }
    }

    @Test
    void unknownValuesSilenceTheirRules() {
        ResourceSnapshot unknown =
                new ResourceSnapshot("given by flags", -1, -1, -1, List.of(), List.of(), Map.of(), Map.of());
        assertThat(rules.check(input(Environment.PRODUCTION, unknown))).isEmpty();
        ResourceSnapshot heapOnly =
                new ResourceSnapshot("given by flags", -1, -1, 64L * GIB, List.of(), List.of(), Map.of(), Map.of());
        assertThat(rules.check(input(Environment.PRODUCTION, heapOnly))).isEmpty();
    }
}
