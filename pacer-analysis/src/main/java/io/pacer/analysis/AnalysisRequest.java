package io.pacer.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pacer.internal.Check;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * One analysis's scope, with seed 002's request flags as written.
 *
 * @param window how far back to look (default {@link #DEFAULT_WINDOW}, at most {@link #MAX_WINDOW})
 * @param includeSystemMetrics run the {@link Category#SYSTEM} detectors and report {@code system_metrics}
 * @param includeIntegrationMetrics run the {@link Category#INTEGRATION} detectors and report {@code integration_metrics}
 * @param includeDatabaseMetrics run the {@link Category#DATABASE} detectors and report {@code database_metrics}
 * @param quickAnalysis run only {@linkplain Detector#quick() quick} detectors over at most {@link #QUICK_WINDOW}
 */
public record AnalysisRequest(
        Duration window,
        @JsonProperty("include_system_metrics") boolean includeSystemMetrics,
        @JsonProperty("include_integration_metrics") boolean includeIntegrationMetrics,
        @JsonProperty("include_database_metrics") boolean includeDatabaseMetrics,
        @JsonProperty("quick_analysis") boolean quickAnalysis) {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    public static final Duration QUICK_WINDOW = Duration.ofMinutes(5);
    public static final Duration MAX_WINDOW = Duration.ofDays(7);

    public AnalysisRequest {
        window = window == null ? DEFAULT_WINDOW : window;
        Check.duration("window", window, Duration.ofSeconds(10), MAX_WINDOW);
    }

    /** Everything over the default window: seed 002's comprehensive analysis. */
    public static AnalysisRequest full() {
        return new AnalysisRequest(DEFAULT_WINDOW, true, true, true, false);
    }

    /** The categories this request includes. */
    public Set<Category> categories() {
        Set<Category> set = EnumSet.noneOf(Category.class);
        if (includeSystemMetrics) {
            set.add(Category.SYSTEM);
        }
        if (includeIntegrationMetrics) {
            set.add(Category.INTEGRATION);
        }
        if (includeDatabaseMetrics) {
            set.add(Category.DATABASE);
        }
        return set;
    }

    /** The window actually read: {@link #QUICK_WINDOW} at most for a quick analysis. */
    public Duration effectiveWindow() {
        return quickAnalysis && window.compareTo(QUICK_WINDOW) > 0 ? QUICK_WINDOW : window;
    }
}
