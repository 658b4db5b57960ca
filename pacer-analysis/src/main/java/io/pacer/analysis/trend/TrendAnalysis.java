package io.pacer.analysis.trend;

import io.pacer.analysis.History;
import io.pacer.analysis.action.ActionRecord;
import java.time.Duration;
import java.util.List;

/** Computes a {@link TrendReport} over a window of history. Stateless and thread-safe. */
public interface TrendAnalysis {

    /**
     * The trends, change points and forecasts of the standard metrics (CPU, memory, response time, error rate, lag,
     * throughput) over {@code history}'s window.
     *
     * @param actions the action history: applied actions are named as possible causes of changes near them
     * @param horizon how far ahead to forecast
     */
    TrendReport report(History history, List<ActionRecord> actions, Duration horizon);

    /**
     * Mann-Kendall trends with Sen slopes, change points by binary segmentation confirmed with the verdict module's
     * comparison, causes from the history only, and additive Holt-Winters forecasts — with every setting at its default
     * and each series' season detected.
     */
    static TrendAnalysis standard() {
        return standard(TrendSettings.ofDefaults());
    }

    /** {@link #standard()} with other settings (a known seasonal period, another confidence). */
    static TrendAnalysis standard(TrendSettings settings) {
        return new StandardTrendAnalysis(settings);
    }
}
