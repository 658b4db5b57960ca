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
        @Override
        public Double convert(String value) {
            double rate;
            try {
                rate = Double.parseDouble(value.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a rate: give operations per second, e.g. 1000, or -1 for unlimited");
            }
            if (rate == -1 || (rate > 0 && !Double.isInfinite(rate))) {
                return rate;
            }
            throw new TypeConversionException(
                    "'" + value + "' is not a rate: it must be > 0 operations per second, or -1 for unlimited");
        }
    }
}
