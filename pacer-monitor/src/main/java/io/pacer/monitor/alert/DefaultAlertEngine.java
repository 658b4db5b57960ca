package io.pacer.monitor.alert;

import io.pacer.monitor.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AlertEngine#builder()}: series windows, one {@link AlertTracker} per rule and series, history, notifiers. */
final class DefaultAlertEngine implements AlertEngine {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private record Key(String rule, SeriesKey series) {}

    private final List<AlertRule> rules;
    private final Map<String, AlertRule> rulesByName = new HashMap<>();
    private final AlertHistory history;
    private final List<Notifier> notifiers;
    private final Duration staleAfter;
    private final Duration maxCheckInterval;
    private final Duration noDataWarningAfter;
    private final Map<String, List<RuleMatcher>> rulesByMetric = new HashMap<>();
    private final Map<SeriesKey, SeriesWindow> windows = new HashMap<>();
    private final Map<Key, AlertTracker> trackers = new LinkedHashMap<>();
    private final Map<Key, Instant> restoredAt = new HashMap<>();
    private final Set<String> rulesWithData = new HashSet<>();
    private final Set<String> warnedNoData = new HashSet<>();
    private Instant firstEvaluation;

    DefaultAlertEngine(AlertEngine.Builder b, AlertHistory history) {
        this.rules = List.copyOf(b.rules);
        this.history = history;
        this.notifiers = List.copyOf(b.notifiers);
        this.staleAfter = b.staleAfter;
        this.maxCheckInterval = b.maxCheckInterval;
        this.noDataWarningAfter = b.noDataWarningAfter;
        for (AlertRule r : rules) {
            rulesByName.put(r.name(), r);
            rulesByMetric.computeIfAbsent(r.metric(), m -> new ArrayList<>()).add(RuleMatcher.of(r));
        }
        for (AlertTransition open : history.open()) {
            AlertRule rule = rulesByName.get(open.rule());
            if (rule != null) {
                Key key = new Key(rule.name(), open.series());
                AlertTracker tracker = new AlertTracker(rule, open.series());
                tracker.restore(open);
                trackers.put(key, tracker);
                restoredAt.put(key, open.at());
            }
        }
    }

    @Override
    public Evaluation evaluate(List<Sample> samples, Instant now) {
        firstEvaluation = firstEvaluation == null ? now : firstEvaluation;
        for (Sample s : samples) {
            accept(s);
        }
        List<AlertTransition> transitions = new ArrayList<>();
        for (Iterator<Map.Entry<Key, AlertTracker>> it = trackers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, AlertTracker> e = it.next();
            if (!decide(e.getKey(), e.getValue(), now, transitions)) {
                it.remove();
            }
        }
        windows.values().removeIf(w -> isStale(w.latestAt(), now));
        for (AlertTransition t : transitions) {
            history.record(t);
            if (t.notifiable()) {
                notifyAll(t);
            }
        }
        warnAboutRulesWithoutData(now);
        return new Evaluation(transitions, active(), nextCheck(now));
    }

    private void accept(Sample s) {
        List<RuleMatcher> candidates = rulesByMetric.get(s.name());
        if (candidates == null) {
            return;
        }
        SeriesKey series = null;
        Duration keep = Duration.ZERO;
        for (RuleMatcher m : candidates) {
            if (m.matches(s.labels())) {
                AlertRule r = m.rule();
                SeriesKey key = series == null ? SeriesKey.of(s) : series;
                series = key;
                rulesWithData.add(r.name());
                trackers.computeIfAbsent(new Key(r.name(), key), k -> new AlertTracker(r, key));
                Duration span = r.aggregation() == Aggregation.LATEST ? Duration.ZERO : r.window();
                keep = span.compareTo(keep) > 0 ? span : keep;
            }
        }
        if (series != null) {
            Duration k = keep;
            windows.computeIfAbsent(series, x -> new SeriesWindow(k)).add(s.timestamp(), s.value());
        }
    }

    /** Steps one tracker; false when it is inactive with a silent series and can go. */
    private boolean decide(Key key, AlertTracker tracker, Instant now, List<AlertTransition> out) {
        SeriesWindow window = windows.get(key.series());
        Instant latest = window == null ? null : window.latestAt();
        Instant restored = restoredAt.get(key);
        Instant seen = latest == null || (restored != null && restored.isAfter(latest)) ? restored : latest;
        if (seen == null || isStale(seen, now)) {
            tracker.expire(now, seen == null ? staleAfter : Duration.between(seen, now), out);
            restoredAt.remove(key);
            return false;
        }
        if (latest != null && (restored == null || !latest.isBefore(restored))) {
            restoredAt.remove(key);
            AlertRule rule = tracker.rule;
            tracker.step(window.value(rule.aggregation(), rule.window(), now), now, out);
        }
        return true;
    }

    private boolean isStale(Instant seen, Instant now) {
        return seen == null || Duration.between(seen, now).compareTo(staleAfter) > 0;
    }

    private void notifyAll(AlertTransition t) {
        for (Notifier n : notifiers) {
            try {
                n.notify(t);
            } catch (RuntimeException e) {
                LOG.warn("notifier {} failed on alert {} {}: {}", n, t.rule(), t.to(), e.toString());
            }
        }
    }

    private Duration nextCheck(Instant now) {
        Duration next = maxCheckInterval;
        for (Map.Entry<Key, AlertTracker> e : trackers.entrySet()) {
            AlertTracker t = e.getValue();
            Duration due = t.untilDue(now);
            if (due != null && due.compareTo(next) < 0) {
                next = due;
            }
            SeriesWindow w = windows.get(e.getKey().series());
            Instant seen = w == null || w.latestAt() == null ? restoredAt.get(e.getKey()) : w.latestAt();
            boolean open = t.state() == AlertState.PENDING || t.state() == AlertState.FIRING;
            if (open && seen != null) {
                Duration silent = Duration.between(now, seen.plus(staleAfter)).plusMillis(1);
                next = silent.compareTo(next) < 0 ? silent : next;
            }
        }
        return next.isNegative() ? Duration.ZERO : next;
    }

    private void warnAboutRulesWithoutData(Instant now) {
        if (Duration.between(firstEvaluation, now).compareTo(noDataWarningAfter) < 0) {
            return;
        }
        for (AlertRule r : rulesWithoutData()) {
            if (warnedNoData.add(r.name())) {
                LOG.warn(
                        "alert rule {} has matched no sample of {}{} in {}: check the metric name and label matchers"
                                + " against what the collectors yield",
                        r.name(),
                        r.metric(),
                        r.labels().isEmpty() ? "" : " " + r.labels(),
                        Texts.duration(Duration.between(firstEvaluation, now)));
            }
        }
    }

    @Override
    public List<Alert> active() {
        List<Alert> result = new ArrayList<>();
        for (AlertTracker t : trackers.values()) {
            if (t.state() == AlertState.PENDING || t.state() == AlertState.FIRING) {
                result.add(t.alert());
            }
        }
        result.sort(java.util.Comparator.comparing(Alert::since));
        return List.copyOf(result);
    }

    @Override
    public List<AlertRule> rules() {
        return rules;
    }

    @Override
    public List<AlertRule> rulesWithoutData() {
        return rules.stream().filter(r -> !rulesWithData.contains(r.name())).toList();
    }
}
