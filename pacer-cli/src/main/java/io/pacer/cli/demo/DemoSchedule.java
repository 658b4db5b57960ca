package io.pacer.cli.demo;

import io.pacer.internal.Check;
import java.time.Duration;

/**
 * The demo's script, repeated in a loop: a calm stretch, a sink outage, recovery, a slow consumer, recovery, a load
 * spike; and the load's rate, a sine around {@code baseRate} (×{@value #SPIKE_FACTOR} during the spike). Pure: a
 * phase and a rate for an elapsed time, so it is tested without waiting for it.
 *
 * @param calm the calm stretch that starts each cycle (and follows each fault)
 * @param outage how long the sink fails
 * @param slowConsumer how long the consumer is slow
 * @param spike how long the load spike lasts
 * @param sinePeriod the period of the load's sine
 * @param baseRate the load's mean rate, events per second
 */
public record DemoSchedule(
        Duration calm, Duration outage, Duration slowConsumer, Duration spike, Duration sinePeriod, double baseRate) {

    /** At speed 1: 15 s calm, 20 s outage, 15 s calm, 30 s slow consumer, 15 s calm, 10 s spike: 105 s a cycle. */
    public static final Duration DEFAULT_CALM = Duration.ofSeconds(15);

    public static final Duration DEFAULT_OUTAGE = Duration.ofSeconds(20);
    public static final Duration DEFAULT_SLOW_CONSUMER = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SPIKE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SINE_PERIOD = Duration.ofSeconds(60);
    /** Events per second on average: enough to see batching, little enough for a shared laptop. */
    public static final double DEFAULT_BASE_RATE = 200;
    /** The load during a spike, as a multiple of the sine's rate. */
    public static final double SPIKE_FACTOR = 4;
    /**
     * The fastest the schedule runs: at 8 the service collects every 250 ms and the lag window of ten collections
     * (2.5 s) fits in the 3.75 s slow phase. Faster, a Kafka lag collection no longer finishes within the interval on a
     * small machine (at 20, every 100 ms, most timed out), so the lag the demo is about would not show.
     */
    public static final double MAX_SPEED = 8;
    /** How far the sine swings around the base rate. */
    static final double SWING = 0.5;

    public DemoSchedule {
        Check.positive("calm", calm);
        Check.positive("outage", outage);
        Check.positive("slowConsumer", slowConsumer);
        Check.positive("spike", spike);
        Check.positive("sinePeriod", sinePeriod);
        Check.range("baseRate", baseRate, 1, 1_000_000);
    }

    /** The default schedule with every duration divided by {@code speed} (1..8); the rate is unchanged. */
    public static DemoSchedule ofSpeed(double speed) {
        Check.range("speed", speed, 1, MAX_SPEED);
        return new DemoSchedule(
                scaled(DEFAULT_CALM, speed),
                scaled(DEFAULT_OUTAGE, speed),
                scaled(DEFAULT_SLOW_CONSUMER, speed),
                scaled(DEFAULT_SPIKE, speed),
                scaled(DEFAULT_SINE_PERIOD, speed),
                DEFAULT_BASE_RATE);
    }

    static Duration scaled(Duration d, double speed) {
        return Duration.ofNanos(Math.round(d.toNanos() / speed));
    }

    /** One cycle: three calm stretches and the three faults. */
    public Duration cycle() {
        return calm.multipliedBy(3).plus(outage).plus(slowConsumer).plus(spike);
    }

    /** The phase {@code elapsed} after the demo started. */
    public Phase phaseAt(Duration elapsed) {
        long t = elapsed.toNanos() % cycle().toNanos();
        Duration[] lengths = {calm, outage, calm, slowConsumer, calm, spike};
        Phase[] phases = {Phase.CALM, Phase.SINK_OUTAGE, Phase.CALM, Phase.SLOW_CONSUMER, Phase.CALM, Phase.LOAD_SPIKE};
        for (int i = 0; i < lengths.length; i++) {
            if (t < lengths[i].toNanos()) {
                return phases[i];
            }
            t -= lengths[i].toNanos();
        }
        return Phase.CALM; // not reached: the lengths add up to the cycle
    }

    /** The load's rate {@code elapsed} after the start, events per second, in {@code phase}. */
    public double rateAt(Duration elapsed, Phase phase) {
        double angle = 2 * Math.PI * elapsed.toNanos() / sinePeriod.toNanos();
        double rate = baseRate * (1 + SWING * Math.sin(angle));
        return phase == Phase.LOAD_SPIKE ? rate * SPIKE_FACTOR : rate;
    }
}
