package io.pacer.cli.demo;

/** What the demo's fault schedule is doing to the pipeline at a moment. */
public enum Phase {
    /** Load follows its sine; nothing is wrong. */
    CALM("calm: load follows its sine, nothing is wrong"),
    /** The sink fails every delivery: the breaker opens, the spool fills, and drains once it ends. */
    SINK_OUTAGE("fault: sink outage - watch the breaker open and the spool fill, then drain"),
    /** The consumer group processes far slower than the producers: lag grows and the evaluator says so. */
    SLOW_CONSUMER("fault: consumer slows down - watch the lag grow and its status turn WARN"),
    /** Four times the load for a while. */
    LOAD_SPIKE("fault: load spike - watch throughput and batch size rise");

    private final String narration;

    Phase(String narration) {
        this.narration = narration;
    }

    /** One line for the console when the phase begins. */
    public String narration() {
        return narration;
    }
}
