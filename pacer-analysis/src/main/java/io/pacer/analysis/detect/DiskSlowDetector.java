package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.SystemSupport.bytes;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A slow disk: the CPUs sit idle waiting for I/O ({@code host.cpu.iowait.ratio}) at or above {@value #WAITING} for at
 * least {@value #MOST} of the window. I/O comes in bursts (a checkpoint, a compaction), so the share asked is lower than
 * for CPU saturation. {@link Level#CRITICAL} when the median wait is at or above {@value #SEVERE}. The summary names
 * the busiest disk by bytes moved ({@code host.disk.read.bytes.rate} + {@code host.disk.write.bytes.rate}).
 */
final class DiskSlowDetector implements Detector {

    static final String IOWAIT = "host.cpu.iowait.ratio";
    static final String READS = "host.disk.read.bytes.rate";
    static final String WRITES = "host.disk.write.bytes.rate";

    /** A point is waiting on I/O at or above this share of CPU time. */
    static final double WAITING = 0.20;
    /** The share of the window's points that must be waiting. */
    static final double MOST = 0.60;
    /** Median wait at which the finding is critical and its confidence full. */
    static final double SEVERE = 0.40;

    @Override
    public String name() {
        return "disk-slow";
    }

    @Override
    public Category category() {
        return Category.SYSTEM;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History h = context.history();
        List<Finding> findings = new ArrayList<>();
        for (Series iowait : h.series(IOWAIT)) {
            double share = SeriesStats.shareAtOrAbove(iowait, WAITING);
            if (!SystemSupport.enough(iowait) || share < MOST) {
                continue;
            }
            double median = SeriesStats.quantile(iowait, 0.5);
            Instant since = SeriesStats.onset(iowait, v -> v >= WAITING, MOST);
            String busiest = busiestDisk(h);
            findings.add(new Finding(
                    FindingKinds.DISK_SLOW,
                    Category.SYSTEM,
                    median >= SEVERE ? Level.CRITICAL : Level.WARNING,
                    confidence(share, median, WAITING, SEVERE),
                    iowait.labels(),
                    "CPUs waited on I/O " + percent(median) + " of the time (median) for " + percent(share) + " of "
                            + SystemSupport.window(h.from(), h.to()) + ", since " + clock(since) + busiest,
                    List.of(new Evidence(
                            IOWAIT,
                            iowait.labels(),
                            "share_at_or_above_" + number(WAITING),
                            share,
                            ">=",
                            MOST,
                            h.from(),
                            h.to(),
                            "median " + percent(median) + busiest))));
        }
        return findings;
    }

    /** {@code "; busiest disk sda, 180 MiB/s"}, or empty when no disk rates are stored. */
    private static String busiestDisk(History h) {
        List<Series> rates = new ArrayList<>(h.series(READS));
        rates.addAll(h.series(WRITES));
        return rates.stream()
                .collect(Collectors.groupingBy(
                        s -> s.labels().getOrDefault("disk", "?"), Collectors.summingDouble(SeriesStats::mean)))
                .entrySet()
                .stream()
                .filter(e -> Double.isFinite(e.getValue()))
                .max(Comparator.comparingDouble(Map.Entry::getValue))
                .map(e -> "; busiest disk " + e.getKey() + ", " + bytes(e.getValue()) + "/s")
                .orElse("");
    }
}
