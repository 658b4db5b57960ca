package io.pacer.server.monitor;

import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.AlertEngine;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.alert.Notifier;
import io.pacer.monitor.collect.CollectorHealth;
import io.pacer.monitor.collect.TargetsConfig;
import io.pacer.monitor.health.HealthScore;
import io.pacer.monitor.kafka.LagResult;
import io.pacer.monitor.live.LiveMonitor;
import io.pacer.monitor.live.MonitorSetup;
import io.pacer.monitor.live.MonitorView;
import io.pacer.monitor.store.MetricStore;
import io.pacer.server.ServerConfig;
import io.pacer.server.events.EventHub;
import io.pacer.server.metrics.ServerMeters;
import io.pacer.server.state.TargetStore;
import io.pacer.server.state.TargetStore.StoredTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's monitoring: pacer-monitor's {@link LiveMonitor} (collectors → store, alert engine, health score) run
 * on a thread of its own — the alert evaluator — that publishes to the event stream: every collection's samples
 * ({@code sample}), the health score each second ({@code health}), every alert transition ({@code alert}) and Kafka
 * lag when it changes ({@code lag}). Targets added through the API are kept in the state database and started
 * without a restart; every {@link #SYNC_EVERY} the evaluator also picks up those another instance added or removed.
 */
public final class Monitoring implements AutoCloseable {

    /** How often the health score is taken and published. */
    public static final Duration REFRESH = Duration.ofSeconds(1);
    /** How often the API targets are read again from the state database. */
    public static final Duration SYNC_EVERY = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);

    private final ServerConfig config;
    private final TargetStore targets;
    private final EventHub events;
    private final ServerMeters meters;
    private final Clock clock;
    private final GatedEngine engine;
    private final List<Notifier> notifiers;
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();
    private final Map<Long, String> apiTargets = new ConcurrentHashMap<>();
    private final Instant startedAt;
    private final LiveMonitor monitor;
    private final Thread evaluator;
    private volatile MonitorView view;
    private volatile Instant lastEvaluation;
    private volatile Instant nextSync;
    private List<LagResult> lastLag = List.of();

    private Monitoring(
            ServerConfig config,
            MetricStore store,
            TargetStore targets,
            EventHub events,
            ServerMeters meters,
            Clock clock,
            BooleanSupplier evaluating) {
        this.config = config;
        this.targets = targets;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.notifiers = MonitorSetup.notifiers(config.webhooks());
        this.engine = new GatedEngine(() -> {
            AlertEngine.Builder builder = AlertEngine.builder()
                    .rules(MonitorSetup.rulesOrDefaults(config.rules()))
                    .history(new PublishingHistory(store.alertHistory(), t -> publish("alert", t)));
            notifiers.forEach(builder::notifier);
            return builder.build();
        });
        engine.evaluateWhile(evaluating);
        List<Collector> collectors = new ArrayList<>(MonitorSetup.collectors(config.targets()));
        Map<Long, Collector> stored = new LinkedHashMap<>();
        for (StoredTarget t : targets.list()) {
            Collector c = t.spec().collector(config.targets());
            if (collectors.stream().anyMatch(x -> x.name().equals(c.name()))) {
                LOG.warn(
                        "target {} {} is in pacer.yaml too; collected once",
                        t.spec().kind(),
                        t.spec().shown());
                continue;
            }
            collectors.add(c);
            stored.put(t.id(), c);
        }
        stored.forEach((id, c) -> apiTargets.put(id, c.name()));
        this.view = new MonitorView(
                startedAt,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                HealthScore.ofDefaults().score(List.of(), List.of()),
                0,
                0,
                0);
        this.nextSync = startedAt.plus(SYNC_EVERY);
        this.monitor = LiveMonitor.start(
                collectors,
                store,
                engine,
                HealthScore.ofDefaults(),
                config.targets().timeout(),
                clock,
                this::collected);
        this.evaluator = new Thread(this::evaluate, "pacer-alert-evaluator");
        evaluator.setDaemon(true);
        evaluator.start();
    }

    /**
     * Starts the collectors of {@code config} and of the stored targets, and the evaluator, which evaluates alerts
     * only while {@code evaluating} says so (always, for a single instance; while holding the evaluator lock, when
     * several share one database).
     */
    public static Monitoring start(
            ServerConfig config,
            MetricStore store,
            TargetStore targets,
            EventHub events,
            ServerMeters meters,
            Clock clock,
            BooleanSupplier evaluating) {
        return new Monitoring(config, store, targets, events, meters, clock, evaluating);
    }

    /** On a collector's thread: one collection's samples. */
    private void collected(List<Sample> samples) {
        String collector = null;
        boolean up = false;
        double seconds = 0;
        for (Sample s : samples) {
            if (s.name().startsWith("collector.")) {
                collector = s.labels().get("collector");
                if (s.name().equals("collector.up")) {
                    up = s.value() >= 1;
                } else if (s.name().equals("collector.duration.seconds")) {
                    seconds = s.value();
                }
            }
        }
        if (collector != null) {
            meters.collection(collector, up, seconds, samples.size());
            if (up) {
                lastSuccess.put(collector, clock.instant());
            }
        }
        publish(
                "sample",
                new Views.SampleBatch(
                        collector, samples.stream().map(Views.SampleView::of).toList()));
    }

    private void evaluate() {
        try {
            monitor.run(null, REFRESH, this::refreshed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("the alert evaluator stopped", e);
        }
    }

    /** On the evaluator thread, every {@link #REFRESH}. */
    private void refreshed(MonitorView now) {
        view = now;
        lastEvaluation = now.at();
        publish("health", Views.HealthView.of(now.at(), now.health(), alerts(now), collectors(now)));
        if (!now.kafka().equals(lastLag)) {
            lastLag = now.kafka();
            publish("lag", new LagView(now.at(), now.kafka()));
        }
        if (!now.at().isBefore(nextSync)) {
            nextSync = now.at().plus(SYNC_EVERY);
            try {
                sync();
            } catch (RuntimeException e) {
                LOG.warn("could not read the targets from the state database: {}", e.getMessage());
            }
        }
    }

    /** The data of a {@code lag} event: every Kafka consumer group's evaluation. */
    public record LagView(Instant at, List<LagResult> groups) {}

    private void publish(String type, Object data) {
        try {
            events.publish(type, data);
            meters.eventPublished(type);
        } catch (RuntimeException e) {
            LOG.warn("could not publish a {} event: {}", type, e.getMessage());
        }
    }

    /** What the monitor knew at its latest refresh (at most {@link #REFRESH} old while the evaluator runs). */
    public MonitorView view() {
        return view;
    }

    /** The active alerts of {@code view}, as the API shows them. */
    public static List<Views.AlertView> alerts(MonitorView view) {
        return view.alerts().stream().map(Views.AlertView::of).toList();
    }

    /** Every collector's health now (not as of the latest refresh), with its last success. */
    public List<Views.CollectorView> collectors() {
        return views(monitor.health());
    }

    /** Every collector's health in {@code view}, with its last success. */
    public List<Views.CollectorView> collectors(MonitorView view) {
        return views(view.collectors());
    }

    private List<Views.CollectorView> views(List<CollectorHealth> health) {
        List<Views.CollectorView> all = new ArrayList<>();
        for (CollectorHealth h : health) {
            all.add(Views.CollectorView.of(h, lastSuccess.get(h.name())));
        }
        return all;
    }

    /** When the service started collecting. */
    public Instant startedAt() {
        return startedAt;
    }

    /** The latest refresh of the evaluator, or null before the first. */
    public Instant lastEvaluation() {
        return lastEvaluation;
    }

    /** Whether the evaluator's thread is alive. */
    public boolean evaluatorRunning() {
        return evaluator.isAlive();
    }

    /**
     * Evaluates alerts only while {@code gate} says so (checked at every evaluation, at least every second): for the
     * instance holding the evaluator lock when several share one database. Until called, this instance evaluates.
     */
    public void evaluateWhile(BooleanSupplier gate) {
        engine.evaluateWhile(gate);
    }

    /** The rules the engine evaluates. */
    public List<AlertRule> rules() {
        return engine.rules();
    }

    /** What every collector watches by default: pacer.yaml's targets. */
    public TargetsConfig configured() {
        return config.targets();
    }

    /** Collector name of every API target running, by id. */
    public Map<Long, String> apiTargets() {
        return Map.copyOf(apiTargets);
    }

    /**
     * Starts collecting from a stored target; its collector's name. Idempotent for one stored target: a {@link #sync()}
     * may have started it between its insertion and this call (the route adding it must not then fail).
     *
     * @throws IllegalArgumentException when another collector of that name runs already (e.g. from pacer.yaml)
     */
    public synchronized String start(StoredTarget target) {
        String running = apiTargets.get(target.id());
        if (running != null) {
            return running;
        }
        Collector collector = target.spec().collector(config.targets());
        try {
            monitor.add(collector);
        } catch (IllegalArgumentException e) {
            try {
                collector.close();
            } catch (Exception ignored) {
                // nothing was opened yet
            }
            throw e;
        }
        apiTargets.put(target.id(), collector.name());
        return collector.name();
    }

    /** Stops collecting from the stored target {@code id}; whether it was running. */
    public synchronized boolean stop(long id) {
        String name = apiTargets.remove(id);
        return name != null && monitor.remove(name);
    }

    /** Makes the running API targets those stored: starts new ones, stops removed ones. */
    public synchronized void sync() {
        List<StoredTarget> stored = targets.list();
        Set<Long> ids = new HashSet<>();
        for (StoredTarget t : stored) {
            ids.add(t.id());
            if (!apiTargets.containsKey(t.id())) {
                try {
                    start(t);
                    LOG.info(
                            "collecting from target {} {} (added elsewhere)",
                            t.spec().kind(),
                            t.spec().shown());
                } catch (IllegalArgumentException e) {
                    LOG.debug("target {} is collected already: {}", t.id(), e.getMessage());
                }
            }
        }
        for (Long id : List.copyOf(apiTargets.keySet())) {
            if (!ids.contains(id)) {
                stop(id);
            }
        }
    }

    /** Stops the evaluator (after a last evaluation) and the collectors, and closes the notifiers. */
    @Override
    public void close() {
        monitor.stop();
        try {
            evaluator.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        monitor.close();
        notifiers.forEach(Notifier::close);
    }
}
