package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.SystemSupport.bytes;
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
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A disk nearly full, or filling: per mount ({@code host.disk.used.ratio{mount}}), either at or above {@value #FULL}
 * for at least {@value #MOST} of the window, or filling steadily (Kendall's agreement at or above
 * {@value #AGREEMENT}) so that the Theil-Sen slope reaches full within {@link #HORIZON}. A build writing a gigabyte in
 * five minutes is no day-long trend, so a projection never reaches further than {@value #MAX_EXTRAPOLATION} times the
 * span it was measured over, nor from less than {@link #MIN_SPAN}. {@link Level#CRITICAL} at or above
 * {@value #SEVERE}, or when full within {@link #SOON}. Read-only images (snap's squashfs mounts under
 * {@code /snap/}) are always 100 % used and are left out.
 */
final class DiskFullDetector implements Detector {

    static final String USED = "host.disk.used.ratio";
    static final String TOTAL = "host.disk.total.bytes";

    /** A disk this full is nearly full. */
    static final double FULL = 0.90;
    /** The share of the window's points that must be at or above {@link #FULL}. */
    static final double MOST = 0.80;
    /** Critical, and full confidence, from this use on. */
    static final double SEVERE = 0.95;
    /** Filling that reaches full within this is a finding. */
    static final Duration HORIZON = Duration.ofHours(24);
    /** Filling that reaches full within this is critical. */
    static final Duration SOON = Duration.ofHours(1);
    /** How consistently use must rise to be projected (Kendall's S over pairs, -1..1). */
    static final double AGREEMENT = 0.6;
    /** A projection reaches at most this many times the span it was measured over. */
    static final int MAX_EXTRAPOLATION = 12;
    /** The least span a projection is made from. */
    static final Duration MIN_SPAN = Duration.ofMinutes(5);
    /** Mounts left out: read-only images, always full. */
    static final List<String> IGNORED_MOUNTS = List.of("/snap/");

    @Override
    public String name() {
        return "disk-full";
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
            String mount = used.labels().getOrDefault("mount", "");
            if (!SystemSupport.enough(used) || IGNORED_MOUNTS.stream().anyMatch(mount::startsWith)) {
                continue;
            }
            double last = SeriesStats.last(used);
            double share = SeriesStats.shareAtOrAbove(used, FULL);
            List<Point> points = used.points();
            Duration span = Duration.between(
                    points.get(0).timestamp(), points.get(points.size() - 1).timestamp());
            double slope = SeriesStats.slopePerHour(used);
            double agreement = SeriesStats.monotony(SeriesStats.values(used));
            double hoursToFull = slope > 0 ? (1 - last) / slope : Double.POSITIVE_INFINITY;
            Duration reach = span.multipliedBy(MAX_EXTRAPOLATION);
            double horizonHours = Math.min(HORIZON.toMinutes(), reach.toMinutes()) / 60.0;
            boolean full = share >= MOST;
            boolean filling = span.compareTo(MIN_SPAN) >= 0 && agreement >= AGREEMENT && hoursToFull <= horizonHours;
            if (!full && !filling) {
                continue;
            }
            String free = h.series(TOTAL, used.labels()).stream()
                    .mapToDouble(SeriesStats::last)
                    .filter(t -> t > 0)
                    .mapToObj(t -> " (" + bytes(t * (1 - last)) + " free of " + bytes(t) + ")")
                    .findFirst()
                    .orElse("");
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence(
                    USED,
                    used.labels(),
                    "share_at_or_above_" + number(FULL),
                    share,
                    ">=",
                    MOST,
                    h.from(),
                    h.to(),
                    percent(last) + " used at the end"));
            String fillText = "";
            if (filling) {
                evidence.add(new Evidence(
                        USED,
                        used.labels(),
                        "hours_to_full",
                        hoursToFull,
                        "<=",
                        horizonHours,
                        h.from(),
                        h.to(),
                        "Theil-Sen slope " + percent(slope) + "/h over " + SystemSupport.span(span) + ", agreement "
                                + number(agreement) + "; projected at most " + MAX_EXTRAPOLATION
                                + " times the span measured"));
                fillText =
                        (full ? " and" : ",") + " filling by " + percent(slope) + " of its size an hour: full in about "
                                + SystemSupport.span(Duration.ofSeconds((long) (hoursToFull * 3600)));
            }
            boolean soon = filling && hoursToFull <= SOON.toMinutes() / 60.0;
            double confidence = full
                    ? confidence(share, last, FULL, SEVERE)
                    : confidence(agreement, horizonHours - hoursToFull, 0, horizonHours);
            findings.add(new Finding(
                    FindingKinds.DISK_FULL,
                    Category.SYSTEM,
                    last >= SEVERE || soon ? Level.CRITICAL : Level.WARNING,
                    confidence,
                    used.labels(),
                    "Disk " + mount + " is " + percent(last) + " full" + free + fillText,
                    evidence));
        }
        return findings;
    }
}
