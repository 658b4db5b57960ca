package io.pacer.monitor.alert;

import java.time.Duration;
import java.util.List;

/**
 * What one {@link AlertEngine#evaluate} decided.
 *
 * @param transitions every alert step taken, in order; already recorded in history and handed to the notifiers
 * @param active the alerts pending or firing after this evaluation
 * @param nextCheck call {@code evaluate} again within this long, with or without new samples, so that a pending alert
 *     fires on time and a silent series is noticed; never negative
 */
public record Evaluation(List<AlertTransition> transitions, List<Alert> active, Duration nextCheck) {

    public Evaluation {
        transitions = List.copyOf(transitions);
        active = List.copyOf(active);
    }
}
