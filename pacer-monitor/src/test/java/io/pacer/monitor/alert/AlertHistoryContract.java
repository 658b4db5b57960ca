package io.pacer.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AlertHistory} must do; one subclass per implementation (in memory now, the JDBC store's when it
 * lands) supplies a fresh, empty history.
 */
public abstract class AlertHistoryContract {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private AlertHistory history;

    /** A new, empty history. */
    protected abstract AlertHistory create();

    @BeforeEach
    void fresh() {
        history = create();
    }

    static AlertTransition step(
            String rule, String host, AlertState from, AlertState to, Severity s, int second, Double value) {
        return new AlertTransition(
                rule,
                new SeriesKey("host.cpu.usage.ratio", Map.of("host", host)),
                from,
                to,
                s,
                value,
                0.9,
                T0.plusSeconds(second),
                T0,
                "scale_up",
                "message " + second);
    }

    @Test
    void keepsEveryFieldAndReturnsARangeOldestFirst() {
        AlertTransition a = step("cpu", "a", AlertState.INACTIVE, AlertState.PENDING, Severity.WARNING, 0, 0.8);
        AlertTransition b = step("cpu", "a", AlertState.PENDING, AlertState.FIRING, Severity.CRITICAL, 60, 0.95);
        AlertTransition c = step("cpu", "a", AlertState.FIRING, AlertState.RESOLVED, Severity.CRITICAL, 120, null);
        List.of(a, b, c).forEach(history::record);

        assertThat(history.transitions(T0, T0.plusSeconds(121), 10)).containsExactly(a, b, c);
        assertThat(history.transitions(T0.plusSeconds(60), T0.plusSeconds(120), 10))
                .as("from inclusive, to exclusive")
                .containsExactly(b);
        assertThat(history.transitions(T0, T0.plusSeconds(121), 2))
                .as("the newest when limited")
                .containsExactly(b, c);
    }

    @Test
    void openHoldsTheLatestStepOfEachAlertStillPendingOrFiring() {
        history.record(step("cpu", "a", AlertState.INACTIVE, AlertState.PENDING, Severity.WARNING, 0, 0.8));
        history.record(step("cpu", "b", AlertState.INACTIVE, AlertState.PENDING, Severity.WARNING, 1, 0.8));
        AlertTransition aFires = step("cpu", "a", AlertState.PENDING, AlertState.FIRING, Severity.WARNING, 60, 0.8);
        history.record(aFires);
        history.record(step("cpu", "b", AlertState.PENDING, AlertState.INACTIVE, Severity.WARNING, 61, 0.5));
        AlertTransition mem = step("mem", "a", AlertState.INACTIVE, AlertState.FIRING, Severity.CRITICAL, 62, 0.99);
        history.record(mem);

        assertThat(history.open()).containsExactly(aFires, mem);
        history.record(step("cpu", "a", AlertState.FIRING, AlertState.RESOLVED, Severity.WARNING, 90, 0.1));
        assertThat(history.open()).containsExactly(mem);
    }
}
