package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AimdControllerTest {
    private static final long MS = 1_000_000L;
    private final AimdController aimd = new AimdController(new AdaptivePolicy(
            Duration.ofMillis(100), 10, 210, Duration.ZERO, Duration.ofMillis(40), Duration.ofSeconds(1), 0.2));

    @Test
    void growsAdditivelyWhileComfortablyUnderTarget() {
        AimdController.Decision d = aimd.decide(50 * MS, 1000, 50, 10 * MS);
        assertThat(d.maxEvents()).isEqualTo(60);
        assertThat(d.lingerNanos()).isEqualTo(12 * MS);
        assertThat(d.reason()).startsWith("grow");
    }

    @Test
    void halvesWhenOverTargetAndHoldsNearIt() {
        assertThat(aimd.decide(150 * MS, 1000, 200, 40 * MS))
                .isEqualTo(new AimdController.Decision(100, 20 * MS, "shrink: p99 over target"));
        assertThat(aimd.decide(90 * MS, 1000, 200, 40 * MS).reason()).startsWith("hold: p99 near");
        assertThat(aimd.decide(0, 0, 200, 40 * MS).reason()).startsWith("hold: no deliveries");
    }

    @Test
    void staysWithinItsBoundsUnderAnyLatency() {
        int events = 50;
        long linger = 10 * MS;
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            AimdController.Decision d = aimd.decide(random.nextInt(300) * MS, 1 + random.nextInt(5), events, linger);
            events = d.maxEvents();
            linger = d.lingerNanos();
            assertThat(events).isBetween(10, 210);
            assertThat(linger).isBetween(0L, 40 * MS);
        }
    }
}
