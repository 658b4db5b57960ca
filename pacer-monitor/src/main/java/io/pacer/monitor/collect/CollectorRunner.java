package io.pacer.monitor.collect;

import io.pacer.internal.Check;
import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs collectors, each on its own interval and its own thread, and hands every collection's samples to one consumer
 * (the history store). The entry point of {@code pacer monitor}:
 *
 * <pre>{@code
 * try (CollectorRunner runner = CollectorRunner.start(Collectors.of(targets), store::write)) {
 *     ... runner.health() ...
 * }
 * }</pre>
 *
 * <p>Why a thread per collector and a timeout per collection: a slow or dead target must cost its own collector only.
 * A collection still running after its timeout ({@code min(timeout, interval)}) is interrupted and counted as a
 * failure ("timed out after 2s"); while it is still stuck, the collector's next cycles are skipped (and counted), never
 * queued. A failed collection never stops the runner: the collector is marked {@link CollectorHealth.State#DOWN} with
 * the reason, and is tried again on its next cycle.
 *
 * <p>Besides the collector's own samples, every collection yields three about the collector itself, labelled
 * {@code collector=<name>}: {@code collector.up} (1 or 0 — Prometheus's {@code up} per target),
 * {@code collector.duration.seconds} and {@code collector.samples}. A failed collection yields these three only.
 *
 * <p>The consumer is called from the collectors' threads, one call per collection, possibly several at once: it must
 * be thread-safe and should not block (the store buffers). An exception from it is logged, and does not mark the
 * collector down.
 */
public final class CollectorRunner implements AutoCloseable {

    /** Longest a collection may take unless its interval is shorter. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(CollectorRunner.class);

    /** Replaced, never changed in place ({@link #add}, {@link #remove}), so readers need no lock. */
    private volatile Map<String, Slot> slots = Map.of();

    private final ScheduledExecutorService timer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Consumer<List<Sample>> sink;
    private final Duration timeout;
    private final Clock clock;

    private CollectorRunner(
            List<? extends Collector> collectors, Consumer<List<Sample>> sink, Duration timeout, Clock clock) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clock, "clock");
        Check.positive("timeout", timeout);
        List<String> names = new ArrayList<>();
        for (Collector collector : collectors) {
            Check.notBlank("collector name", collector.name(), "a kind and target such as scrape:http://app/metrics");
            Check.positive("interval of collector " + collector.name(), collector.interval());
            names.add(collector.name());
        }
        Check.distinct("collector names", names);
        this.sink = sink;
        this.timeout = timeout;
        this.clock = clock;
        timer = Executors.newSingleThreadScheduledExecutor(daemon("pacer-collector-timer"));
        Map<String, Slot> initial = new LinkedHashMap<>();
        for (Collector collector : collectors) {
            initial.put(collector.name(), slot(collector));
        }
        slots = Collections.unmodifiableMap(initial);
    }

    private Slot slot(Collector collector) {
        Duration limit = collector.interval().compareTo(timeout) < 0 ? collector.interval() : timeout;
        return new Slot(collector, sink, limit, clock);
    }

    /**
     * Starts one more collector now, beside the running ones (a target added while the service runs).
     *
     * @throws IllegalArgumentException if a collector of that name runs already, or its interval is not positive
     * @throws IllegalStateException after {@link #close}
     */
    public synchronized void add(Collector collector) {
        Check.notBlank("collector name", collector.name(), "a kind and target such as scrape:http://app/metrics");
        Check.positive("interval of collector " + collector.name(), collector.interval());
        Check.that(!slots.containsKey(collector.name()), "collector name", "not running already", collector.name());
        if (closed.get()) {
            throw new IllegalStateException("the collector runner is closed");
        }
        Map<String, Slot> next = new LinkedHashMap<>(slots);
        Slot slot = slot(collector);
        next.put(collector.name(), slot);
        slots = Collections.unmodifiableMap(next);
        slot.schedule();
    }

    /**
     * Stops one collector (a collection in progress is interrupted) and closes it.
     *
     * @return whether a collector of that name was running
     */
    public boolean remove(String name) {
        Slot slot;
        synchronized (this) {
            slot = slots.get(name);
            if (slot == null) {
                return false;
            }
            Map<String, Slot> next = new LinkedHashMap<>(slots);
            next.remove(name);
            slots = Collections.unmodifiableMap(next);
        }
        slot.stop();
        return true;
    }

    /** The collectors running, in the order they were started. */
    public List<Collector> collectors() {
        return slots.values().stream().map(slot -> slot.collector).toList();
    }

    /** Starts every collector now, with {@link #DEFAULT_TIMEOUT} and the system clock. */
    public static CollectorRunner start(List<? extends Collector> collectors, Consumer<List<Sample>> sink) {
        return start(collectors, sink, DEFAULT_TIMEOUT, Clock.systemUTC());
    }

    /**
     * Starts every collector now: the first collections run at once, then each on its interval.
     *
     * @param timeout the longest one collection may take (a collector whose interval is shorter gets its interval)
     * @param clock gives the {@code now} each collection is asked for
     * @throws IllegalArgumentException if two collectors share a name, or an interval or the timeout is not positive
     */
    public static CollectorRunner start(
            List<? extends Collector> collectors, Consumer<List<Sample>> sink, Duration timeout, Clock clock) {
        CollectorRunner runner = new CollectorRunner(List.copyOf(collectors), sink, timeout, clock);
        runner.slots.values().forEach(Slot::schedule);
        return runner;
    }

    /** Every collector's health, in the order given to {@link #start}. */
    public List<CollectorHealth> health() {
        return slots.values().stream().map(slot -> slot.health.get()).toList();
    }

    /**
     * One collector's health.
     *
     * @throws IllegalArgumentException if no collector has that name
     */
    public CollectorHealth health(String name) {
        Slot slot = slots.get(name);
        Check.that(slot != null, "collector name", "one of " + slots.keySet(), name);
        return slot.health.get();
    }

    /**
     * Stops collecting (a collection in progress is interrupted) and closes every collector once; an exception from
     * one collector's {@code close} is logged and the others are still closed. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Map<String, Slot> all;
        synchronized (this) {
            all = slots;
        }
        timer.shutdownNow();
        all.values().forEach(slot -> slot.worker.shutdownNow());
        all.values().forEach(Slot::stop);
    }

    private final class Slot {
        final Collector collector;
        final Consumer<List<Sample>> sink;
        final Duration timeout;
        final Clock clock;
        final Map<String, String> labels;
        final ExecutorService worker;
        final AtomicReference<CollectorHealth> health;
        volatile Future<?> running;
        volatile Future<?> schedule;

        Slot(Collector collector, Consumer<List<Sample>> sink, Duration timeout, Clock clock) {
            this.collector = collector;
            this.sink = sink;
            this.timeout = timeout;
            this.clock = clock;
            this.labels = Map.of("collector", collector.name());
            this.worker = Executors.newSingleThreadExecutor(daemon("pacer-collector-" + collector.name()));
            this.health = new AtomicReference<>(CollectorHealth.starting(collector.name()));
        }

        void schedule() {
            schedule = timer.scheduleAtFixedRate(
                    this::cycle, 0, collector.interval().toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Stops collecting (interrupting a collection in progress) and closes the collector once. */
        void stop() {
            Future<?> scheduled = schedule;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            worker.shutdownNow();
            try {
                if (!worker.awaitTermination(1, TimeUnit.SECONDS)) {
                    LOG.warn("collector {} did not stop within 1 s of an interrupt", collector.name());
                }
                collector.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("closing collector {} failed: {}", collector.name(), Failures.reason(e));
            }
        }

        /** On the timer thread: starts a collection unless the previous one is still running. */
        void cycle() {
            Future<?> previous = running;
            if (previous != null && !previous.isDone()) {
                health.updateAndGet(CollectorHealth::skippedOne);
                return;
            }
            Instant now = clock.instant();
            long start = System.nanoTime();
            AtomicBoolean settled = new AtomicBoolean();
            try {
                running = worker.submit(() -> collect(now, start, settled));
                timer.schedule(() -> expire(now, settled), timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }

        private void collect(Instant now, long start, AtomicBoolean settled) {
            List<Sample> samples;
            try {
                samples = Objects.requireNonNull(collector.collect(now), "collect returned null");
            } catch (Throwable e) {
                if (settled.compareAndSet(false, true)) {
                    fail(now, Duration.ofNanos(System.nanoTime() - start), Failures.reason(e));
                }
                return;
            }
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            List<String> notes = collector instanceof Noted noted ? noted.notes() : List.of();
            health.updateAndGet(h -> h.up(now, took, samples.size(), notes));
            List<Sample> all = new ArrayList<>(samples.size() + 3);
            all.addAll(samples);
            all.addAll(about(now, true, took, samples.size()));
            deliver(all);
        }

        /** On the timer thread, {@code timeout} after a collection started. */
        private void expire(Instant now, AtomicBoolean settled) {
            if (settled.compareAndSet(false, true)) {
                Future<?> stuck = running;
                if (stuck != null) {
                    stuck.cancel(true);
                }
                fail(now, timeout, "timed out after " + timeout.toMillis() + " ms");
            }
        }

        private void fail(Instant now, Duration took, String reason) {
            CollectorHealth before = health.getAndUpdate(h -> h.down(now, took, reason));
            if (before.state() != CollectorHealth.State.DOWN || !reason.equals(before.lastError())) {
                LOG.warn("collector {} is down: {}", collector.name(), reason);
            }
            deliver(about(now, false, took, 0));
        }

        private List<Sample> about(Instant now, boolean up, Duration took, int count) {
            return List.of(
                    Sample.of("collector.up", labels, now, up ? 1 : 0),
                    Sample.of("collector.duration.seconds", labels, now, took.toNanos() / 1e9),
                    Sample.of("collector.samples", labels, now, count));
        }

        private void deliver(List<Sample> samples) {
            try {
                sink.accept(samples);
            } catch (RuntimeException e) {
                LOG.warn("the sample consumer failed on {} samples of {}", samples.size(), collector.name(), e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
