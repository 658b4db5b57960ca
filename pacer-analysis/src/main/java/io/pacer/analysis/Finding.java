package io.pacer.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pacer.internal.Check;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One bottleneck or problem a detector found, with the evidence it rests on and how sure it is.
 *
 * <p>{@code kind} is a stable identifier from {@link FindingKinds} (the benchmark and the recommendations key on it);
 * {@code subject} says what is affected, as labels ({@code group=orders}, {@code target=db:5432}); a finding's
 * {@link #id()} is its kind plus subject, so the same problem found twice is one finding.
 *
 * @param kind what was found, one of {@link FindingKinds}
 * @param category which part of the analysis it belongs to
 * @param level how bad it is
 * @param confidence how sure the detector is, 0..1 (how far past the threshold, how much of the window agrees)
 * @param subject what is affected, as labels; empty for the machine as a whole
 * @param summary one line for a person: what, how much, since when
 * @param evidence the series and thresholds it rests on; at least one
 */
public record Finding(
        String kind,
        Category category,
        Level level,
        double confidence,
        Map<String, String> subject,
        String summary,
        List<Evidence> evidence) {

    public Finding {
        Check.notBlank("finding kind", kind, "one of FindingKinds");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(level, "level");
        Check.range("finding confidence", confidence, 0.0, 1.0);
        subject = subject == null ? Map.of() : Map.copyOf(new TreeMap<>(subject));
        Check.notBlank("finding summary", summary, "one line for a person");
        evidence = List.copyOf(evidence);
        Check.that(!evidence.isEmpty(), "finding evidence", "at least one item", "none");
    }

    /** The kind plus the subject's labels in order: {@code kafka.lag.growth{group=orders}}. */
    @JsonProperty(value = "id", access = JsonProperty.Access.READ_ONLY)
    public String id() {
        return subject.isEmpty() ? kind : kind + new TreeMap<>(subject);
    }
}
