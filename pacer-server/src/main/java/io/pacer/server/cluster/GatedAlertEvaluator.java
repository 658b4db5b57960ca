package io.pacer.server.cluster;

import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.AlertEngine;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.Series;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INTERIM — for the lead to reconcile with server-api's evaluator (LiveMonitor in PacerServer): the alert evaluator of
 * a service instance, run only while this instance {@linkplain Leadership#isLeader() leads}. It evaluates the shared
 * history (every instance's samples, read back from the store) rather than this instance's own collections, so the
 * leader sees what all instances collected. On becoming leader it builds a fresh {@link AlertEngine} on the store's
 * alert history, which takes up the open alerts where the previous leader left them (no second notification); on
 * losing leadership it drops the engine. The gate is the one line in {@link #tick}: {@code if
 * (!leadership.isLeader())}.
 */
public final class GatedAlertEvaluator implements AutoCloseable {

    /** How often the evaluator runs. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    /** How far back a new leader reads samples, and how late a sample may be written and still be seen. */
    static final Duration LOOKBACK = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(GatedAlertEvaluator.class);

    private final List<AlertRule> rules;
    private final MetricStore store;
    private final Leadership leadership;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService schedule;
    private final Map<String, Instant> seen = new HashMap<>();
    private final AtomicLong evaluations = new AtomicLong();
    private AlertEngine engine;

    private GatedAlertEvaluator(
            List<AlertRule> rules, MetricStore store, Leadership leadership, Clock clock, Duration interval) {
        this.rules = List.copyOf(rules);
        this.store = store;
        this.leadership = leadership;
        this.clock = clock;
        this.interval = interval;
        this.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pacer-alert-evaluator");
            t.setDaemon(true);
            return t;
        });
    }

    public static GatedAlertEvaluator start(
            List<AlertRule> rules, MetricStore store, Leadership leadership, Clock clock, Duration interval) {
        GatedAlertEvaluator evaluator = new GatedAlertEvaluator(rules, store, leadership, clock, interval);
        evaluator.schedule.scheduleWithFixedDelay(evaluator::run, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return evaluator;
    }

    /** Evaluations run by this instance (none while it follows). */
    public long evaluations() {
        return evaluations.get();
    }

    private void run() {
        try {
            tick(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("alert evaluation failed; trying again in {}: {}", interval, e.toString());
        }
    }

    /** One evaluation at {@code now}, if this instance leads. */
    void tick(Instant now) {
        if (!leadership.isLeader()) {
            engine = null;
            seen.clear();
            return;
        }
        if (engine == null) {
            engine = AlertEngine.builder()
                    .rules(rules)
                    .history(store.alertHistory())
                    .build();
        }
        engine.evaluate(newSamples(now), now);
        evaluations.incrementAndGet();
    }

    /** The samples of the rules' metrics written since they were last read, each series' once. */
    private List<Sample> newSamples(Instant now) {
        List<Sample> samples = new ArrayList<>();
        for (String metric : rules.stream().map(AlertRule::metric).distinct().toList()) {
            for (Series series : store.query(
                    Query.of(metric, now.minus(LOOKBACK), now.plusMillis(1)).at(Resolution.RAW))) {
                String key = series.name() + series.labels();
                Instant last = seen.getOrDefault(key, Instant.MIN);
                for (Point p : series.points()) {
                    if (p.timestamp().isAfter(last)) {
                        samples.add(Sample.of(series.name(), series.labels(), p.timestamp(), p.last()));
                        last = p.timestamp();
                    }
                }
                seen.put(key, last);
            }
        }
        return samples;
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
