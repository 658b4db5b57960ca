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
        AimdController.Decision d = aimd.decide(50 * MS, 1000, 100, 50, 10 * MS);
        assertThat(d.maxEvents()).isEqualTo(60);
        assertThat(d.lingerNanos()).isEqualTo(12 * MS);
        assertThat(d.reason()).startsWith("grow");
    }

    @Test
    void halvesWhenOverTargetAndHoldsNearIt() {
        assertThat(aimd.decide(150 * MS, 1000, 100, 200, 40 * MS))
                .isEqualTo(new AimdController.Decision(100, 20 * MS, "shrink: p99 over target"));
        assertThat(aimd.decide(90 * MS, 1000, 100, 200, 40 * MS).reason()).startsWith("hold: p99 near");
        assertThat(aimd.decide(0, 0, 0, 200, 40 * MS).reason()).startsWith("hold: no deliveries");
    }

    @Test
    void staysWithinItsBoundsUnderAnyLatency() {
        int events = 50;
        long linger = 10 * MS;
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            int batches = 1 + random.nextInt(5);
            AimdController.Decision d = aimd.decide(
                    random.nextInt(300) * MS, batches * (1L + random.nextInt(events)), batches, events, linger);
            events = d.maxEvents();
            linger = d.lingerNanos();
            assertThat(events).isBetween(10, 210);
            assertThat(linger).isBetween(0L, 40 * MS);
        }
    }

    @Test
    void overTargetWithFullBatchesTheSinkIsTheBottleneckSoBatchesGrow() {
        assertThat(aimd.decide(900 * MS, 4_500, 100, 50, 10 * MS))
                .as("mean batch 45 of 50: full")
                .isEqualTo(new AimdController.Decision(
                        100, 10 * MS, "grow: p99 over target with full batches, the sink is the bottleneck"));
        assertThat(aimd.decide(900 * MS, 15_000, 100, 150, 10 * MS).maxEvents())
                .as("never past the policy's largest batch")
                .isEqualTo(210);
        assertThat(aimd.decide(900 * MS, 21_000, 100, 210, 10 * MS))
                .isEqualTo(new AimdController.Decision(
                        210, 10 * MS, "hold: p99 over target with full batches of the largest size"));
        assertThat(aimd.decide(900 * MS, 4_400, 100, 50, 10 * MS).reason())
                .as("mean batch 44 of 50: batches waited for linger, so waiting to fill is part of the latency")
                .isEqualTo("shrink: p99 over target");
    }
}
