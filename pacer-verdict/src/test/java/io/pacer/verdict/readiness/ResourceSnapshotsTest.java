package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.testing.Await;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceSnapshotsTest {

    @TempDir
    Path tmp;

    @Test
    void measuresThisHostAndJvmPlausiblyAndConsistently() {
        Path missing = tmp.resolve("not/yet/created");
        ResourceSnapshot r = ResourceSnapshots.measure(List.of(tmp, missing));

        assertThat(r.source()).startsWith("measured on ");
        assertThat(r.cpus())
                .isEqualTo(Runtime.getRuntime().availableProcessors())
                .isPositive();
        assertThat(r.heapMaxBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(r.memoryLimitBytes()).isPositive();
        assertThat(r.heapMaxBytes()).isLessThanOrEqualTo(r.memoryLimitBytes());
        assertThat(r.gc())
                .containsExactlyElementsOf(ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName)
                        .toList());
        assertThat(r.recentPauseMillis()).allSatisfy(p -> assertThat(p).isBetween(0.0, 60_000.0));
        assertThat(r.diskFreeBytes()).containsOnlyKeys(tmp.toString(), missing.toString());
        assertThat(r.diskTotalBytes()).containsOnlyKeys(tmp.toString(), missing.toString());
        // a directory that does not exist yet is measured on the file system it will be created on
        assertThat(r.diskTotalBytes().get(missing.toString()))
                .isEqualTo(r.diskTotalBytes().get(tmp.toString()));
        r.diskFreeBytes()
                .forEach((dir, free) -> assertThat(free)
                        .isPositive()
                        .isLessThanOrEqualTo(r.diskTotalBytes().get(dir)));
    }

    @Test
    void measuredPausesFollowACollection() {
        System.gc(); // a stop-the-world collection with every stop-the-world collector the JVM has
        ResourceSnapshot r = ResourceSnapshots.measure(List.of());
        boolean concurrentOnly = r.gc().stream().allMatch(n -> n.contains("Cycles") || n.contains("Concurrent"));
        if (!concurrentOnly) {
            assertThat(r.recentPauseMillis()).isNotEmpty();
        }
    }

    @Test
    void recordedPausesAreTheHistoryMeasureReports() {
        ResourceSnapshots.recordPauses();
        ResourceSnapshots.recordPauses(); // idempotent: one listener per collector
        int before = PauseHistory.pauses().size();
        System.gc();
        Await.until(
                Duration.ofSeconds(30),
                "the collection's notification arrives",
                () -> PauseHistory.pauses().size() > before
                        || PauseHistory.pauses().size() == PauseHistory.CAPACITY);
        // no collection between the two reads of the history: the snapshot reports exactly it
        Await.until(Duration.ofSeconds(30), "a snapshot between two collections", () -> {
            List<Double> recorded = PauseHistory.pauses();
            List<Double> reported = ResourceSnapshots.measure(List.of()).recentPauseMillis();
            if (!recorded.equals(PauseHistory.pauses())) {
                return false;
            }
            assertThat(reported).isEqualTo(recorded).isNotEmpty();
            assertThat(reported).allSatisfy(p -> assertThat(p).isBetween(0.0, 60_000.0));
            return true;
        });
    }

    @Test
    void concurrentCyclesAreNotPauses() {
        assertThat(PauseHistory.isPause("G1 Young Generation")).isTrue();
        assertThat(PauseHistory.isPause("ZGC Pauses")).isTrue();
        assertThat(PauseHistory.isPause("ZGC Cycles")).isFalse();
        assertThat(PauseHistory.isPause("G1 Concurrent GC")).isFalse();
        assertThat(PauseHistory.isPause("Shenandoah Cycles")).isFalse();
    }

    @Test
    void readsTheTightestCgroupV2LimitOnThePathToTheRoot() throws IOException {
        Path root = tmp.resolve("cgroup");
        Files.createDirectories(root.resolve("kubepods/pod1/app"));
        Files.writeString(root.resolve("memory.max"), "max\n");
        Files.writeString(root.resolve("kubepods/memory.max"), "8589934592\n");
        Files.writeString(root.resolve("kubepods/pod1/memory.max"), "2147483648\n");
        Files.writeString(root.resolve("kubepods/pod1/app/memory.max"), "max\n");
        Path proc = Files.writeString(tmp.resolve("cgroup-self"), "0::/kubepods/pod1/app\n");
        assertThat(ResourceSnapshots.cgroupLimit(proc, root)).hasValue(2147483648L);
    }

    @Test
    void readsCgroupV1AndTreatsItsHugeNumberAsNoLimit() throws IOException {
        Path root = tmp.resolve("cgroup");
        Files.createDirectories(root.resolve("memory/docker/abc"));
        Files.writeString(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        Files.writeString(root.resolve("memory/docker/abc/memory.limit_in_bytes"), "4294967296\n");
        Path proc = Files.writeString(tmp.resolve("self"), "5:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n0::/\n");
        assertThat(ResourceSnapshots.cgroupLimit(proc, root)).hasValue(4294967296L);

        Files.writeString(root.resolve("memory/docker/abc/memory.limit_in_bytes"), "9223372036854771712\n");
        assertThat(ResourceSnapshots.cgroupLimit(proc, root)).isEmpty();
    }

    @Test
    void noCgroupFilesNoLimit() {
        assertThat(ResourceSnapshots.cgroupLimit(tmp.resolve("absent"), tmp)).isEqualTo(OptionalLong.empty());
    }

    @Test
    void givenByFlags() {
        ResourceSnapshot r = ResourceSnapshots.given(
                4,
                ResourceSnapshots.parseBytes("--memory", "8g"),
                ResourceSnapshots.parseBytes("--heap", "4g"),
                "g1",
                List.of(tmp));
        assertThat(r.source()).isEqualTo("given by flags");
        assertThat(r.cpus()).isEqualTo(4);
        assertThat(r.memoryLimitBytes()).isEqualTo(8L << 30);
        assertThat(r.heapMaxBytes()).isEqualTo(4L << 30);
        assertThat(r.gc()).containsExactly("G1");
        assertThat(r.memoryDedicated()).isTrue();
        assertThat(r.recentPauseMillis()).isEmpty();
        assertThat(r.diskFreeBytes()).containsOnlyKeys(tmp.toString());
        ResourceSnapshot unknown = ResourceSnapshots.given(-1, -1, -1, null, List.of());
        assertThat(unknown.gc()).isEmpty();
        assertThat(unknown.memoryDedicated()).isFalse();
    }

    @Test
    void badFlagsAreNamed() {
        assertThatThrownBy(() -> ResourceSnapshots.given(-1, -1, -1, "CMS", List.of()))
                .hasMessage("--gc must be one of G1, ZGC, Shenandoah, Parallel, Serial, Epsilon, but was 'CMS'");
        assertThatThrownBy(() -> ResourceSnapshots.given(0, -1, -1, null, List.of()))
                .hasMessage("--cpus must be >= 1, but was 0");
    }
}
