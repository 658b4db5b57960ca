package io.pacer.monitor.live;

import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.Alert;
import io.pacer.monitor.alert.AlertEngine;
import io.pacer.monitor.alert.Evaluation;
import io.pacer.monitor.alert.SeriesKey;
import io.pacer.monitor.collect.CollectorHealth;
import io.pacer.monitor.collect.CollectorRunner;
import io.pacer.monitor.health.HealthScore;
import io.pacer.monitor.kafka.KafkaLagCollector;
import io.pacer.monitor.kafka.LagResult;
import io.pacer.monitor.store.MetricStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code pacer monitor}'s wiring: collectors run by a {@link CollectorRunner}; every collection's samples (plus the
 * {@link StreamSeries} derived from a scraped Pacer application) go to the {@link MetricStore} at once, from the
 * collector's thread (the store never blocks), and to an inbox that the monitor thread hands to the
 * {@link AlertEngine}; the {@link HealthScore} is taken over the latest sample of every series and the active alerts.
 *
 * <p>Why an inbox: the engine is a decision function of {@code now} and not thread-safe, so one thread — the caller's
 * — runs it: {@link #await} until samples arrive or the engine's own {@code nextCheck} is due, then {@link #evaluate}.
 *
 * <pre>{@code
 * try (LiveMonitor monitor = LiveMonitor.start(collectors, store, engine, HealthScore.ofDefaults(), timeout, clock)) {
 *     MonitorView last = monitor.run(clock.instant().plusSeconds(120), Duration.ofSeconds(10), view -> show(view));
 * }
 * }</pre>
 *
 * <p>An unreachable target is a collector marked down with the reason (its {@code collector.up} sample is 0 and costs
 * health points), never an exception here.
 */
public final class LiveMonitor implements AutoCloseable {
    private final MetricStore store;
    private final AlertEngine engine;
    private final HealthScore score;
    private final Consumer<List<Sample>> listener;
    private final StreamSeries stream = new StreamSeries();
    private final LinkedBlockingQueue<List<Sample>> inbox = new LinkedBlockingQueue<>();
    private final Map<SeriesKey, Sample> latest = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final List<Sample> waiting = new ArrayList<>();
    private final CollectorRunner runner;
    private final Clock clock;
    private volatile boolean stopped;
    private long transitions;

    private LiveMonitor(
            List<? extends Collector> collectors,
            MetricStore store,
            AlertEngine engine,
            HealthScore score,
            Duration timeout,
            Clock clock,
            Consumer<List<Sample>> listener) {
        this.store = store;
        this.engine = engine;
        this.score = score;
        this.listener = listener;
        this.clock = clock;
        this.runner = CollectorRunner.start(collectors, this::accept, timeout, clock);
    }

    /**
     * Starts every collector now. The store and the engine stay the caller's to close; the collectors are closed with
     * the monitor.
     *
     * @param timeout the longest one collection may take
     * @param clock gives collections their {@code now}
     */
    public static LiveMonitor start(
            List<? extends Collector> collectors,
            MetricStore store,
            AlertEngine engine,
            HealthScore score,
            Duration timeout,
            Clock clock) {
        return new LiveMonitor(collectors, store, engine, score, timeout, clock, samples -> {});
    }

    /**
     * As {@link #start(List, MetricStore, AlertEngine, HealthScore, Duration, Clock)}, and every collection's samples
     * (derived ones included) also go to {@code listener} — the service's live event stream — from the collector's
     * thread, after the store has them. The listener must not block; an exception from it is the runner's to log.
     */
    public static LiveMonitor start(
            List<? extends Collector> collectors,
            MetricStore store,
            AlertEngine engine,
            HealthScore score,
            Duration timeout,
            Clock clock,
            Consumer<List<Sample>> listener) {
        return new LiveMonitor(collectors, store, engine, score, timeout, clock, listener);
    }

    /**
     * Starts collecting from one more collector (a target added while the service runs).
     *
     * @throws IllegalArgumentException if a collector of that name runs already
     */
    public void add(Collector collector) {
        runner.add(collector);
    }

    /**
     * Stops and closes the collector named {@code name}; its series are forgotten as they go stale.
     *
     * @return whether it was running
     */
    public boolean remove(String name) {
        return runner.remove(name);
    }

    /** Every running collector's health now; callable from any thread. */
    public List<CollectorHealth> health() {
        return runner.health();
    }

    /** The collectors running now. */
    public List<Collector> collectors() {
        return runner.collectors();
    }

    /** Called by the collectors' threads, one call per collection. */
    private void accept(List<Sample> samples) {
        List<Sample> all = samples;
        List<Sample> derived = stream.derive(samples);
        if (!derived.isEmpty()) {
            all = new ArrayList<>(samples);
            all.addAll(derived);
        }
        for (Sample s : all) {
            latest.put(SeriesKey.of(s), s);
        }
        received.addAndGet(all.size());
        inbox.add(all);
        store.write(all);
        listener.accept(all);
    }

    /**
     * Waits up to {@code max} for a collection to arrive (or {@link #wake}).
     *
     * @return whether samples are waiting for {@link #evaluate}
     */
    public boolean await(Duration max) throws InterruptedException {
        if (!inbox.isEmpty() || !waiting.isEmpty()) {
            return true;
        }
        long nanos = max.isNegative() ? 0 : max.toNanos();
        List<Sample> batch = inbox.poll(nanos, TimeUnit.NANOSECONDS);
        if (batch != null) {
            waiting.addAll(batch);
        }
        return !waiting.isEmpty();
    }

    /** Ends a pending {@link #await} early; callable from any thread. */
    public void wake() {
        inbox.add(List.of());
    }

    /** Makes {@link #run} return soon, e.g. on Ctrl-C; callable from any thread. */
    public void stop() {
        stopped = true;
        wake();
    }

    /**
     * The monitor thread's loop until {@code end} (null: until {@link #stop}): evaluates as soon as samples arrive and
     * whenever the engine's {@code nextCheck} is due — so a pending alert fires on time even when no sample comes —
     * and hands a {@link MonitorView} to {@code refresh} every {@code refreshEvery}.
     *
     * @return the view at the end, after a last evaluation
     */
    public MonitorView run(Instant end, Duration refreshEvery, Consumer<MonitorView> refresh)
            throws InterruptedException {
        Instant start = clock.instant();
        Instant nextCheck = start;
        Instant nextRefresh = start.plus(refreshEvery);
        while (!stopped) {
            Instant now = clock.instant();
            if (end != null && !now.isBefore(end)) {
                break;
            }
            Instant wakeAt = earliest(earliest(nextCheck, nextRefresh), end);
            boolean arrived = await(Duration.between(now, wakeAt));
            now = clock.instant();
            if (arrived || !now.isBefore(nextCheck)) {
                nextCheck = now.plus(evaluate(now));
            }
            if (!now.isBefore(nextRefresh)) {
                refresh.accept(view(now));
                nextRefresh = nextRefresh.plus(refreshEvery);
                nextRefresh = nextRefresh.isAfter(now) ? nextRefresh : now.plus(refreshEvery);
            }
        }
        Instant now = clock.instant();
        evaluate(now);
        return view(now);
    }

    private static Instant earliest(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    /**
     * Hands the samples that arrived since the last call to the alert engine at {@code now}.
     *
     * @return how long until the engine must be asked again, samples or not
     */
    public Duration evaluate(Instant now) {
        List<List<Sample>> batches = new ArrayList<>();
        inbox.drainTo(batches);
        batches.forEach(waiting::addAll);
        Evaluation evaluation = engine.evaluate(List.copyOf(waiting), now);
        waiting.clear();
        transitions += evaluation.transitions().size();
        return evaluation.nextCheck();
    }

    /**
     * What is known now; call it from the thread that calls {@link #evaluate}. A series silent for longer than the
     * alert engine's {@link AlertEngine.Builder#DEFAULT_STALE_AFTER} (a vanished partition, a removed target) is
     * forgotten, as the engine forgets it, so the table and the health score never judge a stale value.
     */
    public MonitorView view(Instant now) {
        Instant staleBefore = now.minus(AlertEngine.Builder.DEFAULT_STALE_AFTER);
        latest.values().removeIf(s -> s.timestamp().isBefore(staleBefore));
        List<Sample> samples = new ArrayList<>(latest.values());
        samples.sort(
                Comparator.comparing(Sample::name).thenComparing(s -> s.labels().toString()));
        List<Alert> alerts = engine.active();
        List<LagResult> groups = new ArrayList<>();
        for (Collector c : runner.collectors()) {
            if (c instanceof KafkaLagCollector k) {
                groups.addAll(k.lastResults());
            }
        }
        return new MonitorView(
                now,
                runner.health(),
                samples,
                groups,
                alerts,
                score.score(samples, alerts),
                received.get(),
                transitions,
                store.dropped());
    }

    /** Stops collecting and closes the collectors; the store and the engine's notifiers stay the caller's. */
    @Override
    public void close() {
        runner.close();
    }
}
