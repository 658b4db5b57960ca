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
import java.util.List;

/**
 * CPU steal: the hypervisor gives this virtual machine's CPU time to its neighbours — {@code host.cpu.steal.ratio} at
 * or above {@value #STOLEN} for at least {@value #MOST} of the window's points. Steal comes in waves, so the share
 * asked is lower than for saturation; a single stolen minute is no finding. {@link Level#CRITICAL} when the median
 * steal is at or above {@value #SEVERE}: a third of the machine paid for is not there.
 */
final class CpuStealDetector implements Detector {

    static final String STEAL = "host.cpu.steal.ratio";

    /** A point counts as stolen at or above this share of CPU time. */
    static final double STOLEN = 0.10;
    /** The share of the window's points that must be stolen. */
    static final double MOST = 0.60;
    /** Median steal at which the finding is critical and its confidence full. */
    static final double SEVERE = 0.30;

    @Override
    public String name() {
        return "cpu-steal";
    }

    @Override
    public Category category() {
        return Category.SYSTEM;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History h = context.history();
        List<Finding> findings = new ArrayList<>();
        for (Series steal : h.series(STEAL)) {
            double share = SeriesStats.shareAtOrAbove(steal, STOLEN);
            if (!SystemSupport.enough(steal) || share < MOST) {
                continue;
            }
            double median = SeriesStats.quantile(steal, 0.5);
            Instant since = SeriesStats.onset(steal, v -> v >= STOLEN, MOST);
            Evidence evidence = new Evidence(
                    STEAL,
                    steal.labels(),
                    "share_at_or_above_" + number(STOLEN),
                    share,
                    ">=",
                    MOST,
                    h.from(),
                    h.to(),
                    "median " + percent(median) + " of CPU time taken by the hypervisor");
            findings.add(new Finding(
                    FindingKinds.CPU_STEAL,
                    Category.SYSTEM,
                    median >= SEVERE ? Level.CRITICAL : Level.WARNING,
                    confidence(share, median, STOLEN, SEVERE),
                    steal.labels(),
                    "The hypervisor took " + percent(median) + " of CPU time (median) for " + percent(share)
                            + " of " + SystemSupport.window(h.from(), h.to()) + ", since " + clock(since)
                            + ": a noisy neighbour or an over-committed host",
                    List.of(evidence)));
        }
        return findings;
    }
}
