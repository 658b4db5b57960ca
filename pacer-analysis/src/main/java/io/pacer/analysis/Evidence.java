package io.pacer.analysis;

import io.pacer.internal.Check;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one finding rests on: a statistic of one stored series over a window, compared with a threshold — enough for a
 * reader to look the series up and check the claim. E.g. {@code host.cpu.usage.ratio}, statistic {@code p90},
 * observed 0.97, {@code >=} 0.90 over the last 10 minutes.
 *
 * @param series the series name, as stored ({@code host.cpu.usage.ratio})
 * @param labels the series' labels (empty for an unlabelled series)
 * @param statistic what was computed over the window: {@code mean}, {@code p90}, {@code max}, {@code slope_per_hour},
 *     {@code increase}, {@code share}, …
 * @param observed the statistic's value, in the unit the series name says
 * @param comparator how it was judged against the threshold: {@code >=}, {@code <=}, {@code >} or {@code <}
 * @param threshold the value it was judged against
 * @param from the window's first instant, inclusive
 * @param to the window's end, exclusive
 * @param note one line a reader needs beyond the numbers (may be empty)
 */
public record Evidence(
        String series,
        Map<String, String> labels,
        String statistic,
        double observed,
        String comparator,
        double threshold,
        Instant from,
        Instant to,
        String note) {

    public Evidence {
        Check.notBlank("evidence series", series, "a series name");
        labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
        Check.notBlank("evidence statistic", statistic, "what was computed, e.g. p90");
        Check.that(
                java.util.List.of(">=", "<=", ">", "<").contains(comparator),
                "evidence comparator",
                "one of >=, <=, >, <",
                comparator);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        note = note == null ? "" : note;
    }
}
