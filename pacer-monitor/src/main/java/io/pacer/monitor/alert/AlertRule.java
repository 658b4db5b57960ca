package io.pacer.monitor.alert;

import io.pacer.internal.Check;
import io.pacer.monitor.Sample;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One alert rule: thresholds on every series of one metric whose labels match. Each matching series is its own alert
 * (the CPU rule fires for {@code core="3"} and not for the others). Read from YAML by {@link RuleFiles}, or made in
 * code with {@link #of} and the {@code with*} methods.
 *
 * @param name unique among the rules: 1 to 100 letters, digits, {@code . _ -}
 * @param metric the sample name to watch ({@code host.cpu.usage.ratio}); a metric no collector yields is allowed and
 *     reported by {@link AlertEngine#rulesWithoutData()}
 * @param labels label matchers, all of which must hold: a value is an exact match, or with a leading {@code ~} a
 *     regular expression the whole label value must match ({@code mount: "~/data.*"}); a label named here that the
 *     series lacks does not match; empty for every series of the metric
 * @param warning the warning threshold, or null for none
 * @param critical the critical threshold, or null for none; at least one of the two is set
 * @param direction which side is bad; null infers it: {@link Direction#BELOW} when critical is below warning (a hit
 *     ratio), otherwise {@link Direction#ABOVE}
 * @param forDuration how long a threshold must be breached before its alert fires ({@link #DEFAULT_FOR}); zero fires
 *     on the first breach
 * @param hysteresis how far back a firing alert's value must come to step down ({@link Hysteresis#DEFAULT})
 * @param aggregation which value is compared ({@link Aggregation#LATEST} by default)
 * @param window the span {@code AVG}, {@code MAX} and {@code MIN} aggregate over; null for the {@code for} duration,
 *     or {@link #DEFAULT_WINDOW} when that is zero; unused by {@code LATEST}
 * @param action what to do about it (seed 002's {@code action}: {@code scale_up}); passed on in notifications; may be
 *     null
 * @param summary a sentence for people, passed on in notifications; may be null
 */
public record AlertRule(
        String name,
        String metric,
        Map<String, String> labels,
        Double warning,
        Double critical,
        Direction direction,
        Duration forDuration,
        Hysteresis hysteresis,
        Aggregation aggregation,
        Duration window,
        String action,
        String summary) {

    /** One minute: long enough that a single busy sample does not page anyone. */
    public static final Duration DEFAULT_FOR = Duration.ofMinutes(1);

    /** The window of an aggregating rule whose {@code for} is zero. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    public AlertRule {
        Check.matches("rule name", name, NAME, "1 to 100 letters, digits, '.', '_' or '-'");
        Check.matches("metric", metric, METRIC, "lower-case words separated by dots, e.g. host.cpu.usage.ratio");
        labels = labels == null || labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
        labels.forEach(AlertRule::checkMatcher);
        Check.argument(warning != null || critical != null, "a rule needs a warning or a critical threshold, or both");
        Check.that(warning == null || Double.isFinite(warning), "warning", "a finite number", warning);
        Check.that(critical == null || Double.isFinite(critical), "critical", "a finite number", critical);
        if (warning != null && critical != null) {
            Check.argument(
                    !warning.equals(critical), "warning and critical must differ, but both were " + shown(warning));
            Direction implied = critical > warning ? Direction.ABOVE : Direction.BELOW;
            if (direction != null && direction != implied) {
                throw new IllegalArgumentException(
                        "direction " + direction.name().toLowerCase(Locale.ROOT)
                                + " needs critical " + (direction == Direction.ABOVE ? "above" : "below")
                                + " warning, but critical was " + shown(critical) + " and warning " + shown(warning));
            }
            direction = implied;
        }
        direction = direction == null ? Direction.ABOVE : direction;
        forDuration = forDuration == null ? DEFAULT_FOR : forDuration;
        Check.notNegative("for", forDuration);
        hysteresis = hysteresis == null ? Hysteresis.DEFAULT : hysteresis;
        aggregation = aggregation == null ? Aggregation.LATEST : aggregation;
        window = window != null ? window : forDuration.isZero() ? DEFAULT_WINDOW : forDuration;
        Check.positive("window", window);
    }

    /** A rule with the defaults: inferred direction, {@link #DEFAULT_FOR}, 5 % hysteresis, the latest value. */
    public static AlertRule of(String name, String metric, Double warning, Double critical) {
        return new AlertRule(name, metric, Map.of(), warning, critical, null, null, null, null, null, null, null);
    }

    public AlertRule withLabels(Map<String, String> matchers) {
        return new AlertRule(
                name,
                metric,
                matchers,
                warning,
                critical,
                direction,
                forDuration,
                hysteresis,
                aggregation,
                window,
                action,
                summary);
    }

    /** With the direction set explicitly: needed when only one threshold is given and low values are bad. */
    public AlertRule withDirection(Direction value) {
        return new AlertRule(
                name,
                metric,
                labels,
                warning,
                critical,
                value,
                forDuration,
                hysteresis,
                aggregation,
                window,
                action,
                summary);
    }

    public AlertRule withFor(Duration value) {
        return new AlertRule(
                name,
                metric,
                labels,
                warning,
                critical,
                direction,
                value,
                hysteresis,
                aggregation,
                window,
                action,
                summary);
    }

    public AlertRule withHysteresis(Hysteresis value) {
        return new AlertRule(
                name,
                metric,
                labels,
                warning,
                critical,
                direction,
                forDuration,
                value,
                aggregation,
                window,
                action,
                summary);
    }

    /** Aggregating over {@code span}; null for the default window. */
    public AlertRule withAggregation(Aggregation value, Duration span) {
        return new AlertRule(
                name,
                metric,
                labels,
                warning,
                critical,
                direction,
                forDuration,
                hysteresis,
                value,
                span,
                action,
                summary);
    }

    public AlertRule withAction(String value) {
        return new AlertRule(
                name,
                metric,
                labels,
                warning,
                critical,
                direction,
                forDuration,
                hysteresis,
                aggregation,
                window,
                value,
                summary);
    }

    public AlertRule withSummary(String value) {
        return new AlertRule(
                name,
                metric,
                labels,
                warning,
                critical,
                direction,
                forDuration,
                hysteresis,
                aggregation,
                window,
                action,
                value);
    }

    /** The threshold of {@code severity}, or null when this rule has none. */
    public Double threshold(Severity severity) {
        return severity == Severity.CRITICAL ? critical : warning;
    }

    /** Whether {@code sample} belongs to a series this rule watches. */
    public boolean matches(Sample sample) {
        return sample.name().equals(metric) && RuleMatcher.of(this).matches(sample.labels());
    }

    private static void checkMatcher(String label, String matcher) {
        Check.notBlank("label name", label, "a label name");
        Check.that(matcher != null, "label " + label, "a value or ~regex", null);
        if (matcher.startsWith("~")) {
            try {
                Pattern.compile(matcher.substring(1));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("label " + label + " must be a regular expression after '~', but '"
                        + matcher.substring(1) + "' is not: " + e.getDescription());
            }
        }
    }

    private static String shown(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
