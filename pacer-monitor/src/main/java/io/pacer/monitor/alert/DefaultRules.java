package io.pacer.monitor.alert;

import java.util.List;

/**
 * Rules a user gets without writing any. {@link #stream()} holds seed 000's monitoring thresholds for a stream
 * processor: P95 latency below 1000 ms, error rate below 5 %, throughput above 1 msg/s, CPU below 85 %, memory below
 * 80 %. Each is a critical threshold (crossing it breaks the stated target); none has a warning level, because the
 * seed gives none — add a rule file to warn earlier.
 */
public final class DefaultRules {
    private DefaultRules() {}

    /** Seed 000's thresholds, with {@link AlertRule#DEFAULT_FOR} and the default hysteresis. */
    public static List<AlertRule> stream() {
        return List.of(
                AlertRule.of("stream-latency-p95", "stream.latency.p95.seconds", null, 1.0)
                        .withSummary("P95 processing latency must stay below 1000 ms"),
                AlertRule.of("stream-error-rate", "stream.error.ratio", null, 0.05)
                        .withSummary("error rate must stay below 5 %"),
                AlertRule.of("stream-throughput", "stream.throughput.per_second", null, 1.0)
                        .withDirection(Direction.BELOW)
                        .withSummary("throughput must stay above 1 msg/s"),
                AlertRule.of("host-cpu", "host.cpu.usage.ratio", null, 0.85)
                        .withSummary("CPU usage must stay below 85 %"),
                AlertRule.of("host-memory", "host.memory.used.ratio", null, 0.80)
                        .withSummary("memory usage must stay below 80 %"));
    }

    /**
     * Kafka consumer groups by their evaluated lag status ({@code kafka.group.status}, Burrow's codes: OK 1, WARN 2,
     * ERR 3, STOP 4, STALL 5, REWIND 6): a warning at WARN, critical at STOP, STALL or REWIND. The status is already
     * judged over the evaluator's window, so these fire at once ({@code for: 0s}) and clear as soon as the status
     * does (no hysteresis between whole codes).
     */
    public static List<AlertRule> kafkaLag() {
        return List.of(AlertRule.of("kafka-group-status", "kafka.group.status", 2.0, 3.0)
                .withFor(java.time.Duration.ZERO)
                .withHysteresis(Hysteresis.NONE)
                .withSummary("consumer group lag status is WARN or worse"));
    }
}
