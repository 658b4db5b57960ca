package io.pacer.monitor.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The resolutions the store keeps: the raw samples and five rollups. Each rollup bucket starts at a multiple of its
 * step since the epoch (UTC), so a day bucket is a UTC day.
 */
public enum Resolution {
    RAW("raw", Duration.ZERO),
    MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1));

    /**
     * At most this many points per series for an automatically chosen resolution: a day at one-minute resolution
     * (1,440) fits, as does a chart as wide as a screen.
     */
    public static final int DEFAULT_MAX_POINTS = 1_500;

    /** The raw resolution is chosen automatically for ranges up to this long. */
    public static final Duration RAW_UP_TO = Duration.ofHours(1);

    private final String label;
    private final Duration step;

    Resolution(String label, Duration step) {
        this.label = label;
        this.step = step;
    }

    /** How it is written: {@code raw}, {@code 1m}, {@code 5m}, {@code 15m}, {@code 1h}, {@code 1d}. */
    public String label() {
        return label;
    }

    /** A bucket's length; zero for raw. */
    public Duration step() {
        return step;
    }

    long stepMillis() {
        return step.toMillis();
    }

    /** The start of the bucket holding {@code epochMillis}. */
    long bucketOf(long epochMillis) {
        return Math.floorDiv(epochMillis, stepMillis()) * stepMillis();
    }

    /** The next coarser rollup, or null for the coarsest. */
    Resolution coarser() {
        return this == DAY ? null : values()[ordinal() + 1];
    }

    /**
     * The resolution a query over {@code [from, to)} gets when it names none: raw for ranges up to {@link #RAW_UP_TO};
     * otherwise the finest rollup giving at most {@link #DEFAULT_MAX_POINTS} points per series. Then, if that
     * resolution's retention no longer covers {@code from}, the finest coarser one whose retention does (the
     * coarsest if none does).
     */
    public static Resolution choose(Instant from, Instant to, Instant now, Retention retention) {
        Duration range = Duration.between(from, to);
        Resolution chosen = DAY;
        if (range.compareTo(RAW_UP_TO) <= 0) {
            chosen = RAW;
        } else {
            for (Resolution r : values()) {
                if (r != RAW && range.toMillis() / r.stepMillis() <= DEFAULT_MAX_POINTS) {
                    chosen = r;
                    break;
                }
            }
        }
        while (chosen != DAY && from.isBefore(now.minus(retention.of(chosen)))) {
            chosen = chosen == RAW ? MINUTE : chosen.coarser();
        }
        return chosen;
    }

    /** The resolution written as {@code label}. */
    public static Resolution parse(String label) {
        for (Resolution r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("resolution must be one of raw, 1m, 5m, 15m, 1h, 1d, but was " + label);
    }

    @Override
    public String toString() {
        return label;
    }
}
