package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.SystemSupport.clock;
import static io.pacer.analysis.detect.SystemSupport.confidence;
import static io.pacer.analysis.detect.SystemSupport.number;
import static io.pacer.analysis.detect.SystemSupport.percent;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Category;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.analysis.Level;
import io.pacer.analysis.SeriesStats;
import io.pacer.monitor.store.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * CPU saturation: the host's CPU busy at or above {@value #BUSY} for at least {@value #MOST} of the window's points
 * ({@code host.cpu.usage.ratio}). Busy is not saturated: a build on a 2-core CI box runs the CPU hot in bursts, so one
 * busy minute in ten is no finding; most of the window must agree. It is {@link Level#CRITICAL} when the run queue
 * confirms it — the 1-minute load per core at or above {@value #LOAD_PER_CORE} for most of the window, work waiting
 * for a CPU — and {@link Level#WARNING} otherwise. Load alone never triggers it: Linux counts tasks waiting on I/O in
 * the load, which is {@link FindingKinds#DISK_SLOW}'s business.
 */
final class CpuSaturationDetector implements Detector {

    static final String USAGE = "host.cpu.usage.ratio";
    static final String LOAD = "host.load.1m";
    static final String CORES = "host.cpu.cores";
    /** A watched JVM's share of the machine's CPU (the monitor's JVM collector). */
    static final String JVM_CPU = "jvm.cpu.process.ratio";
    /** The same from a scraped Micrometer application ({@code ProcessorMetrics}). */
    static final String PROCESS_CPU = "process_cpu_usage";

    /** A point is busy at or above this usage. */
    static final double BUSY = 0.90;
    /** The share of the window's points that must be busy. */
    static final double MOST = 0.80;
    /** Load per core at which work queues for the CPU. */
    static final double LOAD_PER_CORE = 1.5;
    /** Load per core at which the confidence from the run queue is full. */
    static final double SEVERE_LOAD_PER_CORE = 3.0;
    /** A watched process using at least this share of the machine's CPU (mean) is named as the likely consumer. */
    static final double CONSUMER_SHARE = 0.25;

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Category category() {
        return Category.SYSTEM;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History h = context.history();
        List<Finding> findings = new ArrayList<>();
        for (Series usage : h.series(USAGE)) {
            double share = SeriesStats.shareAtOrAbove(usage, BUSY);
            if (!SystemSupport.enough(usage) || share < MOST) {
                continue;
            }
            double median = SeriesStats.quantile(usage, 0.5);
            Instant since = SeriesStats.onset(usage, v -> v >= BUSY, MOST);
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence(
                    USAGE,
                    usage.labels(),
                    "share_at_or_above_" + number(BUSY),
                    share,
                    ">=",
                    MOST,
                    h.from(),
                    h.to(),
                    "median " + percent(median) + ", busy since " + clock(since)));
            double confidence = confidence(share, median, BUSY, 1.0);
            Level level = Level.WARNING;
            String queue = "";
            double cores = h.series(CORES).stream()
                    .mapToDouble(SeriesStats::last)
                    .filter(c -> c > 0)
                    .findFirst()
                    .orElse(Double.NaN);
            for (Series load : h.series(LOAD)) {
                if (Double.isNaN(cores) || !SystemSupport.enough(load)) {
                    continue;
                }
                double[] perCore = Arrays.stream(SeriesStats.values(load))
                        .map(v -> v / cores)
                        .toArray();
                double loadShare =
                        Arrays.stream(perCore).filter(v -> v >= LOAD_PER_CORE).count() / (double) perCore.length;
                double loadMedian = SeriesStats.quantile(perCore, 0.5);
                evidence.add(new Evidence(
                        LOAD,
                        load.labels(),
                        "median_per_core",
                        loadMedian,
                        ">=",
                        LOAD_PER_CORE,
                        h.from(),
                        h.to(),
                        number(cores) + " cores; " + percent(loadShare) + " of points at or above the threshold"));
                if (loadShare >= MOST) {
                    level = Level.CRITICAL;
                    confidence = Math.max(
                            confidence, confidence(loadShare, loadMedian, LOAD_PER_CORE, SEVERE_LOAD_PER_CORE));
                    queue = "; load " + number(loadMedian) + " per core on " + number(cores)
                            + " cores: work is waiting for a CPU";
                }
            }
            String consumer = consumer(h, evidence);
            findings.add(new Finding(
                    FindingKinds.CPU_SATURATION,
                    Category.SYSTEM,
                    level,
                    confidence,
                    usage.labels(),
                    "CPU busy (at or above " + percent(BUSY) + ") for " + percent(share) + " of "
                            + SystemSupport.window(h.from(), h.to()) + ", since " + clock(since) + ", median "
                            + percent(median) + queue + consumer,
                    evidence));
        }
        return findings;
    }

    /**
     * The watched process using the most CPU on average, when it uses at least {@link #CONSUMER_SHARE} of the machine:
     * its evidence is added and its words returned ({@code "; JVM self uses 85 % of the machine"}), else empty.
     */
    private static String consumer(History h, List<Evidence> evidence) {
        List<Series> processes = new ArrayList<>(h.series(JVM_CPU));
        processes.addAll(h.series(PROCESS_CPU));
        return processes.stream()
                .filter(SystemSupport::enough)
                .max(Comparator.comparingDouble(SeriesStats::mean))
                .filter(s -> SeriesStats.mean(s) >= CONSUMER_SHARE)
                .map(s -> {
                    double mean = SeriesStats.mean(s);
                    evidence.add(new Evidence(
                            s.name(),
                            s.labels(),
                            "mean",
                            mean,
                            ">=",
                            CONSUMER_SHARE,
                            h.from(),
                            h.to(),
                            "the watched process using the most CPU"));
                    String target = s.labels().getOrDefault("target", "?");
                    return "; " + (s.name().equals(JVM_CPU) ? "JVM " : "process at ") + target + " uses "
                            + percent(mean) + " of the machine";
                })
                .orElse("");
    }
}
