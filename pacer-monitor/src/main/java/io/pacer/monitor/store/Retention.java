package io.pacer.monitor.store;

import io.pacer.internal.Check;
import java.time.Duration;

/**
 * How long each resolution is kept. Older data is deleted by {@link MetricStore#maintain}. Coarser resolutions must
 * be kept at least as long as finer ones, so a range that is gone at one resolution is still there at a coarser one.
 *
 * @param raw raw samples
 * @param minute one-minute rollups
 * @param fiveMinutes five-minute rollups
 * @param fifteenMinutes fifteen-minute rollups
 * @param hour hourly rollups
 * @param day daily rollups
 */
public record Retention(
        Duration raw, Duration minute, Duration fiveMinutes, Duration fifteenMinutes, Duration hour, Duration day) {

    public static final Duration DEFAULT_RAW = Duration.ofHours(24);
    public static final Duration DEFAULT_MINUTE = Duration.ofDays(7);
    public static final Duration DEFAULT_FIVE_MINUTES = Duration.ofDays(30);
    /** The issue names none: halfway between the five-minute (30 d) and the hourly (90 d) retention. */
    public static final Duration DEFAULT_FIFTEEN_MINUTES = Duration.ofDays(60);

    public static final Duration DEFAULT_HOUR = Duration.ofDays(90);
    public static final Duration DEFAULT_DAY = Duration.ofDays(730);

    public static final Retention DEFAULT = new Retention(
            DEFAULT_RAW, DEFAULT_MINUTE, DEFAULT_FIVE_MINUTES, DEFAULT_FIFTEEN_MINUTES, DEFAULT_HOUR, DEFAULT_DAY);

    public Retention {
        Check.positive("retention.raw", raw);
        Check.atLeast("retention.minute", minute, raw);
        Check.atLeast("retention.fiveMinutes", fiveMinutes, minute);
        Check.atLeast("retention.fifteenMinutes", fifteenMinutes, fiveMinutes);
        Check.atLeast("retention.hour", hour, fifteenMinutes);
        Check.atLeast("retention.day", day, hour);
    }

    /** How long {@code resolution} is kept. */
    public Duration of(Resolution resolution) {
        switch (resolution) {
            case RAW:
                return raw;
            case MINUTE:
                return minute;
            case FIVE_MINUTES:
                return fiveMinutes;
            case FIFTEEN_MINUTES:
                return fifteenMinutes;
            case HOUR:
                return hour;
            default:
                return day;
        }
    }
}
