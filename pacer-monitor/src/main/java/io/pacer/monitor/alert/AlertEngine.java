package io.pacer.monitor.alert;

import io.pacer.internal.Check;
import io.pacer.monitor.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Watches samples against alert rules and moves each alert (one rule on one series) through its lifecycle, pending →
 * firing → resolved ({@link AlertState}). A decision function of {@code now}: the monitor hands each batch of new
 * samples to {@link #evaluate} with the time, and calls it again (with no samples if none arrived) within the
 * {@link Evaluation#nextCheck()} it returns. Every transition is recorded in the {@link AlertHistory}; those people
 * should hear of (firing, a severity change, resolved) go to the {@link Notifier}s, which must not block.
 *
 * <p>Not thread-safe: one monitor thread evaluates. {@link #active()} may be read from that thread only.
 *
 * <p>A series that stops reporting for {@link Builder#staleAfter} ends its alert: a pending one drops, a firing one
 * resolves with no value (a collector that is down says so through its own health; alert on that if it matters).
 * Open alerts in the history when the engine is built are taken up where they were, so a restart does not notify
 * again.
 */
public interface AlertEngine {

    /**
     * Takes the samples collected since the last call (any order; samples no rule watches are ignored) and decides at
     * {@code now}.
     */
    Evaluation evaluate(List<Sample> samples, Instant now);

    /** The alerts pending or firing now, in the order they began. */
    List<Alert> active();

    /** The rules, as given. */
    List<AlertRule> rules();

    /**
     * Rules that have matched no sample since the engine started — most often a metric name no collector yields or
     * a label matcher that fits nothing. Allowed, because a rule may watch a target not yet up; the engine also logs
     * each one once, at WARN, {@link Builder#noDataWarningAfter} after its first evaluation.
     */
    List<AlertRule> rulesWithoutData();

    static Builder builder() {
        return new Builder();
    }

    /** Settings of an engine; each has a named default. */
    final class Builder {
        /** A series silent this long ends its alerts: five minutes, twenty 15-second collections. */
        public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
        /** The longest {@link Evaluation#nextCheck()} returned when no timer is due sooner. */
        public static final Duration DEFAULT_MAX_CHECK_INTERVAL = Duration.ofMinutes(1);
        /** How long a rule may match nothing before the engine warns about it. */
        public static final Duration DEFAULT_NO_DATA_WARNING_AFTER = Duration.ofMinutes(5);
        /** History kept when none is given: {@link AlertHistory#inMemory} of this many transitions. */
        public static final int DEFAULT_IN_MEMORY_HISTORY = 10_000;

        final List<AlertRule> rules = new ArrayList<>();
        final List<Notifier> notifiers = new ArrayList<>();
        AlertHistory history;
        Duration staleAfter = DEFAULT_STALE_AFTER;
        Duration maxCheckInterval = DEFAULT_MAX_CHECK_INTERVAL;
        Duration noDataWarningAfter = DEFAULT_NO_DATA_WARNING_AFTER;

        Builder() {}

        public Builder rules(List<AlertRule> value) {
            value.forEach(r -> rules.add(Objects.requireNonNull(r, "rule")));
            return this;
        }

        public Builder rule(AlertRule value) {
            return rules(List.of(value));
        }

        /** Where transitions are kept; by default in memory ({@link #DEFAULT_IN_MEMORY_HISTORY}). */
        public Builder history(AlertHistory value) {
            history = Objects.requireNonNull(value, "history");
            return this;
        }

        /** Adds a notifier; none by default. {@link Notifier#log()} is the usual first. */
        public Builder notifier(Notifier value) {
            notifiers.add(Objects.requireNonNull(value, "notifier"));
            return this;
        }

        public Builder staleAfter(Duration value) {
            Check.positive("staleAfter", value);
            staleAfter = value;
            return this;
        }

        public Builder maxCheckInterval(Duration value) {
            Check.positive("maxCheckInterval", value);
            maxCheckInterval = value;
            return this;
        }

        public Builder noDataWarningAfter(Duration value) {
            Check.notNegative("noDataWarningAfter", value);
            noDataWarningAfter = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException when two rules share a name
         */
        public AlertEngine build() {
            Set<String> names = new HashSet<>();
            for (AlertRule r : rules) {
                Check.argument(names.add(r.name()), "rule names must be unique, but '" + r.name() + "' is used twice");
            }
            return new DefaultAlertEngine(
                    this, history != null ? history : AlertHistory.inMemory(DEFAULT_IN_MEMORY_HISTORY));
        }
    }
}
