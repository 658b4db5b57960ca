package io.pacer.cli.demo;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The demo's producers and fault schedule on one thread: every {@link #TICK} it asks the script for the phase, switches
 * the faults when the phase changes (and says so), and offers the events the schedule's rate asks for since the last
 * tick. Customers are drawn with a skew from a fixed seed, so a few are hot (cache hits) and many are cold.
 */
final class LoadGenerator implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(10);

    private final Pipeline pipeline;
    private final DemoConsumer consumer;
    private final DemoSchedule schedule;
    private final Function<Duration, Phase> phases;
    private final Consumer<String> say;
    private final Thread thread;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Random random = new Random(13);
    private volatile boolean running = true;
    private volatile Phase phase;

    LoadGenerator(
            Pipeline pipeline,
            DemoConsumer consumer,
            DemoSchedule schedule,
            Function<Duration, Phase> phases,
            Consumer<String> say) {
        this.pipeline = pipeline;
        this.consumer = consumer;
        this.schedule = schedule;
        this.phases = phases;
        this.say = say;
        this.thread = new Thread(this::run, "pacer-demo-load");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long start = System.nanoTime();
        long last = start;
        double due = 0;
        long sequence = 0;
        try {
            while (running) {
                long now = System.nanoTime();
                Duration elapsed = Duration.ofNanos(now - start);
                Phase current = phases.apply(elapsed);
                if (current != phase) {
                    pipeline.outage(current == Phase.SINK_OUTAGE);
                    consumer.slow(current == Phase.SLOW_CONSUMER);
                    phase = current;
                    say.accept(current.narration());
                }
                due += schedule.rateAt(elapsed, current) * (now - last) / 1e9;
                last = now;
                for (; due >= 1 && running; due--) {
                    int customer = (int) (Pipeline.CUSTOMERS * Math.pow(random.nextDouble(), 3));
                    if (pipeline.offer(sequence++, customer)) {
                        accepted.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                }
                TimeUnit.NANOSECONDS.sleep(TICK.toNanos()); // the load's pace, not a wait for something
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The phase in force (null before the first tick). */
    Phase phase() {
        return phase;
    }

    /** Events the batcher accepted. */
    long accepted() {
        return accepted.get();
    }

    /** Events the batcher refused (never, while the spool has room). */
    long refused() {
        return refused.get();
    }

    /** Stops offering; returns once the last offer has returned. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
