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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory pressure: the host's memory in use ({@code host.memory.used.ratio}, total less what the kernel calls
 * available — page cache it can drop is not "used") at or above {@value #HIGH} for at least {@value #MOST} of the
 * window. {@link Level#CRITICAL} when the median is at or above {@value #SEVERE}, or when swap grows by at least
 * {@link #SWAP_GROWTH_BYTES} over the window ({@code host.swap.used.bytes}, Theil-Sen slope times the window): the
 * kernel is paging out now. Swap in use but not growing is old history and adds nothing.
 */
final class MemoryPressureDetector implements Detector {

    static final String USED = "host.memory.used.ratio";
    static final String SWAP = "host.swap.used.bytes";

    /** A point is under pressure at or above this share of memory in use. */
    static final double HIGH = 0.90;
    /** The share of the window's points that must be under pressure. */
    static final double MOST = 0.80;
    /** Median use at which the finding is critical and its confidence full. */
    static final double SEVERE = 0.97;
    /** Swap growth over the window that means the kernel is paging out now: 64 MiB. */
    static final double SWAP_GROWTH_BYTES = 64.0 * 1024 * 1024;
    /** The least confidence when memory is high and swap grows: two signals agree. */
    static final double SWAPPING_CONFIDENCE = 0.9;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Category category() {
        return Category.SYSTEM;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History h = context.history();
        List<Finding> findings = new ArrayList<>();
        for (Series used : h.series(USED)) {
            double share = SeriesStats.shareAtOrAbove(used, HIGH);
            if (!SystemSupport.enough(used) || share < MOST) {
                continue;
            }
            double median = SeriesStats.quantile(used, 0.5);
            Instant since = SeriesStats.onset(used, v -> v >= HIGH, MOST);
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence(
                    USED,
                    used.labels(),
                    "share_at_or_above_" + number(HIGH),
                    share,
                    ">=",
                    MOST,
                    h.from(),
                    h.to(),
                    "median " + percent(median) + " in use"));
            boolean swapping = false;
            String swapText = "";
            for (Series swap : h.series(SWAP)) {
                if (!SystemSupport.enough(swap)) {
                    continue;
                }
                double hours = Duration.between(
                                        swap.points().get(0).timestamp(),
                                        swap.points()
                                                .get(swap.points().size() - 1)
                                                .timestamp())
                                .toMillis()
                        / 3_600_000.0;
                double growth = SeriesStats.slopePerHour(swap) * hours;
                evidence.add(new Evidence(
                        SWAP,
                        swap.labels(),
                        "growth_over_window",
                        growth,
                        ">=",
                        SWAP_GROWTH_BYTES,
                        h.from(),
                        h.to(),
                        bytes(SeriesStats.last(swap)) + " of swap in use at the end"));
                if (growth >= SWAP_GROWTH_BYTES) {
                    swapping = true;
                    swapText = "; swap grew by " + bytes(growth) + ": the kernel is paging out";
                }
            }
            findings.add(new Finding(
                    FindingKinds.MEMORY_PRESSURE,
                    Category.SYSTEM,
                    median >= SEVERE || swapping ? Level.CRITICAL : Level.WARNING,
                    swapping
                            ? Math.max(SWAPPING_CONFIDENCE, confidence(share, median, HIGH, SEVERE))
                            : confidence(share, median, HIGH, SEVERE),
                    used.labels(),
                    "Memory " + percent(median) + " in use (median) for " + percent(share) + " of "
                            + SystemSupport.window(h.from(), h.to()) + " above " + percent(HIGH) + ", since "
                            + clock(since) + swapText,
                    evidence));
        }
        return findings;
    }
}
