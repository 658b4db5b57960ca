package io.pacer.analysis.action;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How an applied change is judged: the series that should improve, compared over equal windows before and after the
 * change with the verdict module's statistics; a significant move the wrong way beyond {@code tolerance} reverts it.
 *
 * @param series the stored series that shows the effect ({@code kafka.group.lag.records}, {@code
 *     pacer_batcher_batch_size_mean}, {@code redis.evicted.keys.total})
 * @param labels which of its series
 * @param higherIsBetter whether a rise is an improvement
 * @param window how long to measure after the change (and before it, for the baseline)
 * @param tolerance the relative change below which a move is noise, e.g. 0.05
 */
public record Verification(
        String series, Map<String, String> labels, boolean higherIsBetter, Duration window, double tolerance) {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    public static final double DEFAULT_TOLERANCE = 0.05;

    public Verification {
        Check.notBlank("verification series", series, "a stored series name");
        labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
        Objects.requireNonNull(window, "window");
        Check.duration("verification window", window, Duration.ofSeconds(1), Duration.ofDays(1));
        Check.range("verification tolerance", tolerance, 0.0, 1.0);
    }
}
