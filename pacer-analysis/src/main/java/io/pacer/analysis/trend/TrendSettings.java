package io.pacer.analysis.trend;

import io.pacer.internal.Check;
import java.time.Duration;

/**
 * How strict trend analysis is, and what it may assume about seasons.
 *
 * @param confidence a trend or change counts only when its test's p-value is below {@code 1 − confidence}; for
 *     change points that is the family-wise level, shared out over every split tried (Bonferroni)
 * @param minChange the smallest relative change that matters ({@code 0.05} = 5 %): a significant trend that moves
 *     the metric less over the window is stable, and a smaller shift is no change point
 * @param minSegment the fewest points on either side of a change point (a seasonal series is searched with its
 *     season removed, so a change a few hours into a week of daily cycles is found)
 * @param seasonPeriod the seasonal period when it is known (a day, an hour); null to detect it from the series'
 *     autocorrelation
 * @param forecastConfidence the prediction interval's coverage
 * @param causePoints how far, in points of the series either side, an event (an action applied, a restart, a load
 *     change) may be from a change point to be named as its possible cause
 */
public record TrendSettings(
        double confidence,
        double minChange,
        int minSegment,
        Duration seasonPeriod,
        double forecastConfidence,
        int causePoints) {

    /** 95 %: a trend is significant when p &lt; 0.05; change points share that 0.05 over all splits tried. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** 5 %, as the verdict module's comparisons: smaller moves are noise to an operator. */
    public static final double DEFAULT_MIN_CHANGE = 0.05;

    /** 10 points a side: the Mann-Whitney test's normal approximation is sound from about 8. */
    public static final int DEFAULT_MIN_SEGMENT = 10;

    /** 95 % prediction intervals. */
    public static final double DEFAULT_FORECAST_CONFIDENCE = 0.95;

    /** 5 points: a change point is located within a few points; an event further away is not its cause. */
    public static final int DEFAULT_CAUSE_POINTS = 5;

    public TrendSettings {
        Check.range("confidence", confidence, 0.5, 0.9999);
        Check.range("minChange", minChange, 0, 10);
        Check.range("minSegment", minSegment, 3, 100_000);
        if (seasonPeriod != null) {
            Check.positive("seasonPeriod", seasonPeriod);
        }
        Check.range("forecastConfidence", forecastConfidence, 0.5, 0.999);
        Check.range("causePoints", causePoints, 0, 10_000);
    }

    /** Every setting at its default; the season detected. */
    public static TrendSettings ofDefaults() {
        return new TrendSettings(
                DEFAULT_CONFIDENCE,
                DEFAULT_MIN_CHANGE,
                DEFAULT_MIN_SEGMENT,
                null,
                DEFAULT_FORECAST_CONFIDENCE,
                DEFAULT_CAUSE_POINTS);
    }

    /** These settings with a known seasonal period (null to detect it). */
    public TrendSettings withSeasonPeriod(Duration period) {
        return new TrendSettings(confidence, minChange, minSegment, period, forecastConfidence, causePoints);
    }
}
