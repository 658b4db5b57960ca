package io.pacer.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryAlertHistoryTest extends AlertHistoryContract {

    @Override
    protected AlertHistory create() {
        return AlertHistory.inMemory(100);
    }

    @Test
    void keepsTheNewestCapacityTransitionsButEveryOpenAlert() {
        AlertHistory small = AlertHistory.inMemory(2);
        AlertTransition open = step("cpu", "a", AlertState.INACTIVE, AlertState.FIRING, Severity.WARNING, 0, 0.8);
        small.record(open);
        for (int i = 1; i <= 3; i++) {
            small.record(step("cpu", "h" + i, AlertState.INACTIVE, AlertState.PENDING, Severity.WARNING, i, 0.8));
            small.record(step("cpu", "h" + i, AlertState.PENDING, AlertState.INACTIVE, Severity.WARNING, i, 0.6));
        }
        assertThat(small.transitions(Instant.EPOCH, Instant.MAX, 10)).hasSize(2);
        assertThat(small.open()).containsExactly(open);
    }
}
