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
}
