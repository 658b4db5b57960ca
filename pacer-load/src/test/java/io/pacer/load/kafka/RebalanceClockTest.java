package io.pacer.load.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.testing.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RebalanceClockTest {

    private static final Set<TopicPartition> P0 = Set.of(new TopicPartition("t", 0));

    @Test
    void timesFirstAssignmentAndEachRebalanceFromRevokeToAssign() {
        ManualTicker ticker = new ManualTicker();
        RebalanceClock clock = new RebalanceClock(ticker);
        clock.subscribed();
        ticker.advance(Duration.ofMillis(300));
        clock.onPartitionsRevoked(List.of()); // eager protocol's empty revoke before the first join
        ticker.advance(Duration.ofMillis(40));
        clock.onPartitionsAssigned(P0);
        assertThat(clock.assigned()).isTrue();
        assertThat(clock.firstAssignmentMillis()).isEqualTo(340.0);
        assertThat(clock.rebalances()).isZero();

        ticker.advance(Duration.ofSeconds(5));
        clock.onPartitionsRevoked(P0);
        ticker.advance(Duration.ofMillis(120));
        clock.onPartitionsAssigned(P0);
        ticker.advance(Duration.ofSeconds(5));
        clock.onPartitionsLost(P0);
        ticker.advance(Duration.ofMillis(80));
        clock.onPartitionsAssigned(P0);
        clock.onPartitionsAssigned(List.of()); // cooperative: an assignment that revoked nothing is no outage

        assertThat(clock.rebalances()).isEqualTo(2);
        assertThat(clock.rebalanceMillisTotal()).isEqualTo(200.0);
        assertThat(clock.firstAssignmentMillis()).isEqualTo(340.0);
    }

    @Test
    void notAssignedUntilTheFirstAssignment() {
        RebalanceClock clock = new RebalanceClock(new ManualTicker());
        clock.subscribed();
        assertThat(clock.assigned()).isFalse();
    }
}
