package io.pacer.cli;

import io.pacer.tune.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value parsers with messages that say what is accepted. */
final class Converters {
    private Converters() {}

    /** The longest duration any option takes: ten years (longer ones overflow the clock arithmetic of a run). */
    static final Duration MAX_DURATION = Duration.ofDays(3650);

    /** {@code 15s}, {@code 2m}, {@code 250ms}, ISO-8601, or a bare number of seconds ({@code --duration 60}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim();
            Duration d;
            try {
                d = text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : Durations.parse(text);
            } catch (RuntimeException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a duration: use e.g. 60 (seconds), 15s, 2m, 250ms");
            }
            if (d.compareTo(MAX_DURATION) > 0) {
                throw new TypeConversionException(
                        "'" + value + "' is longer than " + MAX_DURATION.toDays() + " days, the longest Pacer takes");
            }
            return d;
        }
    }

    /** Operations per second; {@code -1} means unlimited. */
    static final class RateConverter implements ITypeConverter<Double> {
        /** One operation every 100 s: below this a run's rate rounds to zero in every summary. */
        static final double MIN_RATE = 0.01;
        /**
         * Ten times what one load generator issues on a laptop: beyond it a run does not pace, it catches up for as long
         * as it takes (a 1 s run at 20 million/s took 9 s; at 1e99 it never ends).
         */
        static final double MAX_RATE = 10_000_000;

        @Override
        public Double convert(String value) {
            double rate;
            try {
                rate = Double.parseDouble(value.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a rate: give operations per second, e.g. 1000, or -1 for unlimited");
            }
            if (rate == -1 || (rate >= MIN_RATE && rate <= MAX_RATE)) {
                return rate;
            }
            throw new TypeConversionException("'" + value + "' is not a rate: it must be from 0.01 to 10,000,000"
                    + " operations per second, or -1 for unlimited (spread higher rates over --workers)");
        }
    }
}
