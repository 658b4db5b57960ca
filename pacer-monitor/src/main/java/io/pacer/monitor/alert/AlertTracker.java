package io.pacer.monitor.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The state machine of one alert: one rule on one series. {@link #step} takes the value compared at {@code now};
 * {@link #expire} ends the alert when the series has gone silent.
 *
 * <p>Notes. Two clocks run while the value is bad: {@code breachSince} (at or past the rule's lowest threshold) and
 * {@code criticalSince} (at or past critical). A severity is due once its clock has run for the rule's {@code for}
 * duration, so a warning can fire, escalate to critical {@code for} later, and step back down to warning at once when
 * the value falls back below critical. Hysteresis applies to the severity that is firing only: a pending alert drops
 * as soon as its value is back inside the threshold (every evaluation in {@code for} must breach, as in Prometheus);
 * a firing one holds its severity until the value is back past the clear level.
 */
final class AlertTracker {
    final AlertRule rule;
    final SeriesKey series;
    private AlertState state = AlertState.INACTIVE;
    private Severity severity;
    private Instant since;
    private Instant firingSince;
    private Instant breachSince;
    private Instant criticalSince;
    private double value = Double.NaN;

    AlertTracker(AlertRule rule, SeriesKey series) {
        this.rule = rule;
        this.series = series;
    }

    /** Takes up an alert the history says is open (after a restart): no transition, no notification. */
    void restore(AlertTransition open) {
        state = open.to();
        severity = open.severity();
        since = open.since();
        breachSince = open.since();
        firingSince = state == AlertState.FIRING ? open.at() : null;
        criticalSince = state == AlertState.FIRING && severity == Severity.CRITICAL ? open.at() : null;
        value = open.value() == null ? Double.NaN : open.value();
    }

    AlertState state() {
        return state;
    }

    void step(double v, Instant now, List<AlertTransition> out) {
        value = v;
        Severity level = level(v, state == AlertState.FIRING ? severity : null);
        if (level == null) {
            breachSince = null;
            criticalSince = null;
        } else {
            breachSince = breachSince == null ? now : breachSince;
            criticalSince = level != Severity.CRITICAL ? null : criticalSince == null ? now : criticalSince;
        }
        Severity due = due(now);
        switch (state) {
            case INACTIVE, RESOLVED -> {
                if (level != null) {
                    since = now;
                    firingSince = null;
                    if (due != null) {
                        fire(due, now, out);
                    } else {
                        move(AlertState.PENDING, level, now, out);
                    }
                }
            }
            case PENDING -> {
                if (level == null) {
                    move(AlertState.INACTIVE, severity, now, out);
                } else if (due != null) {
                    fire(due, now, out);
                } else {
                    severity = level;
                }
            }
            case FIRING -> {
                if (level == null) {
                    move(AlertState.RESOLVED, severity, now, out);
                    state = AlertState.INACTIVE;
                } else if (due != null && due != severity) {
                    move(AlertState.FIRING, due, now, out);
                }
            }
        }
    }

    /** The series went silent: a pending alert drops, a firing one resolves with no value. */
    void expire(Instant now, Duration silentFor, List<AlertTransition> out) {
        if (state == AlertState.PENDING || state == AlertState.FIRING) {
            AlertState to = state == AlertState.FIRING ? AlertState.RESOLVED : AlertState.INACTIVE;
            out.add(new AlertTransition(
                    rule.name(),
                    series,
                    state,
                    to,
                    severity,
                    null,
                    threshold(severity),
                    now,
                    since,
                    rule.action(),
                    "no sample of " + series + " for " + Texts.duration(silentFor)));
        }
        state = AlertState.INACTIVE;
        breachSince = null;
        criticalSince = null;
    }

    /** How long until a pending severity becomes due, or null when no clock is running towards one. */
    Duration untilDue(Instant now) {
        Duration soonest = null;
        if (state == AlertState.PENDING && breachSince != null) {
            soonest = Duration.between(now, breachSince.plus(rule.forDuration()));
        }
        if (criticalSince != null && severity != Severity.CRITICAL) {
            Duration d = Duration.between(now, criticalSince.plus(rule.forDuration()));
            soonest = soonest == null || d.compareTo(soonest) < 0 ? d : soonest;
        }
        return soonest == null ? null : soonest.isNegative() ? Duration.ZERO : soonest;
    }

    Alert alert() {
        return new Alert(
                rule.name(), series, state, severity, value, threshold(severity), since, firingSince, rule.action());
    }

    /** The severity whose threshold {@code v} is at or past; a {@code held} severity stays until past its clear level. */
    private Severity level(double v, Severity held) {
        Direction d = rule.direction();
        if (rule.critical() != null && reached(v, rule.critical(), held == Severity.CRITICAL, d)) {
            return Severity.CRITICAL;
        }
        if (rule.warning() != null && reached(v, rule.warning(), held != null, d)) {
            return Severity.WARNING;
        }
        return null;
    }

    private boolean reached(double v, double threshold, boolean held, Direction d) {
        return d.breaches(v, threshold) || held && !d.worse(rule.hysteresis().clearLevel(threshold, d), v);
    }

    private Severity due(Instant now) {
        if (criticalSince != null && elapsed(criticalSince, now)) {
            return Severity.CRITICAL;
        }
        if (breachSince != null && elapsed(breachSince, now)) {
            return rule.warning() != null ? Severity.WARNING : Severity.CRITICAL;
        }
        return null;
    }

    private boolean elapsed(Instant start, Instant now) {
        return Duration.between(start, now).compareTo(rule.forDuration()) >= 0;
    }

    private void fire(Severity due, Instant now, List<AlertTransition> out) {
        firingSince = now;
        move(AlertState.FIRING, due, now, out);
    }

    private void move(AlertState to, Severity newSeverity, Instant now, List<AlertTransition> out) {
        AlertState from = state;
        Severity before = severity;
        state = to;
        severity = newSeverity;
        out.add(new AlertTransition(
                rule.name(),
                series,
                from,
                to,
                newSeverity,
                value,
                threshold(newSeverity),
                now,
                since,
                rule.action(),
                message(from, to, before, newSeverity)));
    }

    private double threshold(Severity s) {
        Double t = s == null ? null : rule.threshold(s);
        return t != null ? t : rule.warning() != null ? rule.warning() : rule.critical();
    }

    private String message(AlertState from, AlertState to, Severity before, Severity after) {
        String what = (rule.aggregation() == Aggregation.LATEST
                        ? series.toString()
                        : rule.aggregation().name().toLowerCase(java.util.Locale.ROOT) + " over "
                                + Texts.duration(rule.window()) + " of " + series)
                + " = " + Texts.number(value);
        String past = rule.direction() == Direction.ABOVE ? ">=" : "<=";
        String inside = rule.direction() == Direction.ABOVE ? "below" : "above";
        String level = after.name().toLowerCase(java.util.Locale.ROOT);
        return switch (to) {
            case PENDING ->
                what + " " + past + " " + level + " " + Texts.number(threshold(after)) + "; fires if it holds for "
                        + Texts.duration(rule.forDuration());
            case FIRING ->
                (from == AlertState.FIRING ? (before + " → " + after + ": ") : "") + what + " " + past
                        + " " + level + " " + Texts.number(threshold(after)) + " for "
                        + Texts.duration(rule.forDuration());
            case INACTIVE ->
                what + " back " + inside + " " + level + " " + Texts.number(threshold(after)) + " before "
                        + Texts.duration(rule.forDuration()) + " passed";
            case RESOLVED ->
                what + " back " + inside + " "
                        + Texts.number(rule.hysteresis().clearLevel(threshold(after), rule.direction())) + " ("
                        + level + " " + Texts.number(threshold(after)) + " with " + rule.hysteresis()
                        + " hysteresis)";
        };
    }
}
