package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.Shapes.MIB;
import static io.pacer.analysis.detect.Shapes.detect;
import static io.pacer.analysis.detect.Shapes.gauge;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.Category;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.Level;
import io.pacer.analysis.Synthetic;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CPU, steal, memory and disk: each with a history that must trigger it and realistic ones that must not. */
class HostDetectorsTest {

    private static final Map<String, String> NONE = Map.of();

    private static Series cores(int n) {
        return gauge("host.cpu.cores", NONE, 0, 1, m -> n);
    }

    @Test
    void aCpuHotForTheWholeWindowWithARunQueueIsCriticalSaturation() {
        List<Finding> found = detect(
                new CpuSaturationDetector(),
                gauge("host.cpu.usage.ratio", NONE, 0.03, 1, m -> 0.97),
                gauge("host.load.1m", NONE, 0.4, 2, m -> 4.2),
                cores(2),
                gauge("jvm.cpu.process.ratio", Map.of("target", "self"), 0.05, 26, m -> 0.85),
                gauge("jvm.cpu.process.ratio", Map.of("target", "db:9010"), 0.02, 27, m -> 0.05));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.CPU_SATURATION);
            assertThat(f.category()).isEqualTo(Category.SYSTEM);
            assertThat(f.level()).isEqualTo(Level.CRITICAL);
            assertThat(f.confidence()).isGreaterThan(0.7);
            assertThat(f.evidence())
                    .extracting(Evidence::series)
                    .containsExactly("host.cpu.usage.ratio", "host.load.1m", "jvm.cpu.process.ratio");
            assertThat(f.evidence().get(2).labels()).isEqualTo(Map.of("target", "self"));
            assertThat(f.evidence().get(0).observed()).isGreaterThanOrEqualTo(CpuSaturationDetector.MOST);
            assertThat(f.evidence().get(1).observed()).isGreaterThan(1.9).isLessThan(2.3);
            assertThat(f.summary())
                    .contains(
                            "CPU busy", "since 11:50 UTC", "per core on 2 cores", "JVM self uses 85 % of the machine");
        });
    }

    @Test
    void aHotCpuWithoutAQueueIsAWarning() {
        List<Finding> found = detect(
                new CpuSaturationDetector(),
                gauge("host.cpu.usage.ratio", NONE, 0.02, 3, m -> 0.95),
                gauge("host.load.1m", NONE, 0.2, 4, m -> 1.8),
                cores(2));
        assertThat(found).singleElement().satisfies(f -> assertThat(f.level()).isEqualTo(Level.WARNING));
    }

    @Test
    void aTwoCoreCiBoxRunningABuildIsBusyButNotSaturated() {
        // compile bursts at 100 % for 3 + 2 + 1 minutes of 10, load 3 then, otherwise an idle-ish box
        List<Finding> found = detect(
                new CpuSaturationDetector(),
                gauge("host.cpu.usage.ratio", NONE, 0.05, 5, m -> burst(m) ? 0.99 : 0.35),
                gauge("host.load.1m", NONE, 0.5, 6, m -> burst(m) ? 3.0 : 0.8),
                cores(2));
        assertThat(found).isEmpty();
    }

    @Test
    void seventyPercentOfTheWindowHotIsNotMostOfIt() {
        assertThat(detect(
                        new CpuSaturationDetector(),
                        gauge("host.cpu.usage.ratio", NONE, 0.02, 7, m -> m >= 3 ? 0.97 : 0.4)))
                .isEmpty();
    }

    private static boolean burst(double minute) {
        return (minute >= 1 && minute < 4) || (minute >= 5.5 && minute < 7.5) || (minute >= 9 && minute < 10);
    }

    @Test
    void stealMostOfTheWindowIsFoundAndASpikeIsNot() {
        List<Finding> found = detect(new CpuStealDetector(), gauge("host.cpu.steal.ratio", NONE, 0.05, 8, m -> 0.2));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.CPU_STEAL);
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.summary()).contains("hypervisor took 2");
        });
        assertThat(detect(
                        new CpuStealDetector(),
                        gauge("host.cpu.steal.ratio", NONE, 0.01, 9, m -> m >= 4 && m < 5.5 ? 0.35 : 0.02)))
                .isEmpty();
    }

    @Test
    void memoryNearlyFullWhileSwapGrowsIsCritical() {
        List<Finding> found = detect(
                new MemoryPressureDetector(),
                gauge("host.memory.used.ratio", NONE, 0.01, 10, m -> 0.93),
                gauge("host.swap.used.bytes", NONE, 2 * MIB, 11, m -> 512 * MIB + m * 20 * MIB));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.MEMORY_PRESSURE);
            assertThat(f.level()).isEqualTo(Level.CRITICAL);
            assertThat(f.evidence().get(1).observed()).isGreaterThan(150 * MIB);
            assertThat(f.summary()).contains("Memory 93 %", "swap grew by");
        });
    }

    @Test
    void memoryHighWithOldSwapIsAWarningAndABusyNormalMachineIsNothing() {
        assertThat(detect(
                        new MemoryPressureDetector(),
                        gauge("host.memory.used.ratio", NONE, 0.01, 12, m -> 0.92),
                        gauge("host.swap.used.bytes", NONE, 2 * MIB, 13, m -> 900 * MIB)))
                .singleElement()
                .satisfies(f -> assertThat(f.level()).isEqualTo(Level.WARNING));
        assertThat(detect(
                        new MemoryPressureDetector(),
                        gauge("host.memory.used.ratio", NONE, 0.05, 14, m -> 0.78 + (m > 6 && m < 7 ? 0.15 : 0)),
                        gauge("host.swap.used.bytes", NONE, 2 * MIB, 15, m -> 900 * MIB)))
                .isEmpty();
    }

    @Test
    void aNearlyFullDiskIsCriticalAndASnapImageIsLeftOut() {
        List<Finding> found = detect(
                new DiskFullDetector(),
                gauge("host.disk.used.ratio", Map.of("mount", "/data"), 0.001, 16, m -> 0.96),
                gauge("host.disk.total.bytes", Map.of("mount", "/data"), 0, 17, m -> 100 * 1024 * MIB),
                gauge("host.disk.used.ratio", Map.of("mount", "/snap/core/17"), 0, 18, m -> 1.0));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.DISK_FULL);
            assertThat(f.subject()).isEqualTo(Map.of("mount", "/data"));
            assertThat(f.level()).isEqualTo(Level.CRITICAL);
            assertThat(f.summary()).contains("Disk /data is 96 % full", "GiB free of 100.0 GiB");
        });
    }

    @Test
    void aDiskFillingSteadilyIsFoundWithItsTimeToFull() {
        // 60 % and filling 20 %/h: full in 2 h, within 12 × the 10 min measured
        List<Finding> found = detect(
                new DiskFullDetector(),
                gauge("host.disk.used.ratio", Map.of("mount", "/"), 0.002, 19, m -> 0.60 + m * 0.2 / 60));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.evidence()).extracting(Evidence::statistic).contains("hours_to_full");
            assertThat(f.summary()).contains("filling by 20 % of its size an hour", "full in about");
        });
    }

    @Test
    void aBuildWritingAndDeletingIsNoDiskFillingUp() {
        // a gigabyte of build output on a 60 GB disk written over 6 minutes then deleted; a slow 1 %/h growth
        assertThat(detect(
                        new DiskFullDetector(),
                        gauge(
                                "host.disk.used.ratio",
                                Map.of("mount", "/"),
                                0.001,
                                20,
                                m -> 0.55 + (m < 7 ? m : 0) * 0.0028),
                        gauge("host.disk.used.ratio", Map.of("mount", "/var"), 0.0005, 21, m -> 0.70 + m * 0.01 / 60)))
                .isEmpty();
    }

    @Test
    void ioWaitMostOfTheWindowIsASlowDiskAndBurstsAreNot() {
        List<Finding> found = detect(
                new DiskSlowDetector(),
                gauge("host.cpu.iowait.ratio", NONE, 0.08, 22, m -> 0.35),
                gauge("host.disk.write.bytes.rate", Map.of("disk", "sda"), MIB, 23, m -> 150 * MIB),
                gauge("host.disk.write.bytes.rate", Map.of("disk", "sdb"), MIB, 24, m -> 2 * MIB));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.DISK_SLOW);
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.summary()).contains("waited on I/O", "busiest disk sda");
        });
        assertThat(detect(
                        new DiskSlowDetector(),
                        gauge("host.cpu.iowait.ratio", NONE, 0.02, 25, m -> m % 3 < 0.8 ? 0.5 : 0.03)))
                .isEmpty();
    }

    @Test
    void tooFewPointsJudgeNothing() {
        Series short_ =
                Synthetic.series("host.cpu.usage.ratio", NONE, Duration.ofSeconds(10), Duration.ofSeconds(2), m -> 1.0);
        assertThat(new CpuSaturationDetector().detect(Synthetic.context(Shapes.WINDOW, short_)))
                .isEmpty();
    }
}
