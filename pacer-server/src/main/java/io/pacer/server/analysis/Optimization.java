package io.pacer.server.analysis;

import io.pacer.analysis.Analysis;
import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.AnalysisRequest;
import io.pacer.analysis.Analyzer;
import io.pacer.analysis.History;
import io.pacer.analysis.Recommendation;
import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionLog;
import io.pacer.analysis.action.ActionRecord;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Actions;
import io.pacer.analysis.detect.Detectors;
import io.pacer.analysis.trend.TrendAnalysis;
import io.pacer.analysis.trend.TrendReport;
import io.pacer.monitor.store.MetricStore;
import io.pacer.server.ServerConfig;
import io.pacer.server.events.EventHub;
import io.pacer.server.state.ServerDatabase;
import io.pacer.server.state.TargetStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's analysis and actions, running: the standard analyzer over the history store, the latest full analysis
 * kept for a short while so a dashboard and scripts asking together share one, the trend analysis, and the actions
 * with their executors and history — driven by a thread of its own that calls {@link Actions#tick} when something is
 * due (scheduled applies, verification windows that end, auto-optimisation's checks) and publishes every change of an
 * action on the event stream ({@code action}), as every fresh analysis ({@code analysis}).
 *
 * <p>Why the tick runs on the leader only: instances sharing a PostgreSQL store share the action history, and one
 * scheduled action must be applied once.
 */
public final class Optimization implements AutoCloseable {

    /** The longest the tick thread sleeps, so actions scheduled by another instance are not missed for long. */
    static final Duration MAX_TICK = Duration.ofSeconds(1);
    /** The shortest, so a tick that keeps saying "now" cannot spin. */
    static final Duration MIN_TICK = Duration.ofMillis(50);
    /** Actions whose changes are compared after every tick to publish what changed. */
    static final int WATCHED = 100;
    /** Actions given to the trend analysis as possible causes of changes. */
    static final int CAUSES = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(Optimization.class);

    private final ServerConfig config;
    private final Clock clock;
    private final MetricStore store;
    private final TargetStore targets;
    private final EventHub events;
    private final Analyzer analyzer;
    private final TrendAnalysis trends;
    private final Actions actions;
    private final BooleanSupplier leading;
    private final KnownTargets known;
    private final Object refresh = new Object();
    private final Object wake = new Object();
    private final Map<String, String> seen = new HashMap<>();
    private final Thread ticker;
    private volatile Analysis latest;
    private volatile boolean closed;
    private boolean woken;

    private Optimization(
            ServerConfig config,
            Clock clock,
            MetricStore store,
            TargetStore targets,
            EventHub events,
            ActionLog log,
            List<ActionExecutor> executors,
            TrendAnalysis trends,
            BooleanSupplier leading) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.targets = targets;
        this.events = events;
        this.leading = leading;
        this.known = new KnownTargets(config, targets, store);
        this.analyzer = Analyzer.of(Detectors.all());
        this.trends = trends;
        this.actions = Actions.create(config.optimization().actions(), executors, log, store, this::safeCandidates);
        this.ticker = new Thread(this::run, "pacer-actions");
        this.ticker.setDaemon(true);
    }

    /**
     * Starts the analysis and actions of one instance: the executors of the configured targets, the action history in
     * the state database, and the tick thread (ticking only while {@code leading} says so).
     */
    public static Optimization start(
            ServerConfig config,
            Clock clock,
            MetricStore store,
            ServerDatabase database,
            TargetStore targets,
            EventHub events,
            BooleanSupplier leading) {
        Optimization o = new Optimization(
                config,
                clock,
                store,
                targets,
                events,
                Wiring.log(database),
                Wiring.executors(config),
                Wiring.trends(),
                leading);
        o.ticker.start();
        return o;
    }

    /** The actions: plans, applies, schedules, reverts and the history. */
    public Actions actions() {
        return actions;
    }

    /** The clock every decision takes {@code now} from. */
    public Clock clock() {
        return clock;
    }

    /**
     * Analyses now. A full analysis over the default window becomes the {@link #latest} one; every analysis is
     * published on the event stream.
     */
    public Analysis analyze(AnalysisRequest request) {
        Instant now = clock.instant();
        History history = History.of(store, now.minus(request.effectiveWindow()), now);
        Analysis analysis = analyzer.analyze(new AnalysisContext(history, postgresTargets()), request);
        if (request.equals(AnalysisRequest.full())) {
            latest = analysis;
        }
        events.publish("analysis", analysis);
        return analysis;
    }

    /**
     * The latest full analysis, when it is at most {@link io.pacer.server.OptimizationConfig#analysisMaxAge()} old;
     * else a new one (callers asking together wait for one analysis).
     */
    public Analysis latest() {
        Analysis known = latest;
        if (fresh(known)) {
            return known;
        }
        synchronized (refresh) {
            known = latest;
            return fresh(known) ? known : analyze(AnalysisRequest.full());
        }
    }

    private boolean fresh(Analysis analysis) {
        return analysis != null
                && !analysis.timestamp()
                        .plus(config.optimization().analysisMaxAge())
                        .isBefore(clock.instant());
    }

    /** The latest analysis's recommendation {@code id}, if it has one. */
    public Optional<Recommendation> recommendation(String id) {
        return latest().optimizationRecommendations().stream()
                .filter(r -> r.id().equals(id))
                .findFirst();
    }

    /** The trends, change points and forecasts of the last {@code window}, forecast {@code horizon} ahead. */
    public TrendReport trends(Duration window, Duration horizon) {
        Instant now = clock.instant();
        return trends.report(History.of(store, now.minus(window), now), actions.history(CAUSES), horizon);
    }

    /**
     * Why actions may not change {@code request}'s target, or null when they may: only targets this service watches
     * (pacer.yaml's and the API's, and agents it has scraped) are acted on.
     */
    public String refusal(ActionRequest request) {
        return known.refusal(request, clock.instant());
    }

    /** Publishes an action's new state and wakes the tick thread (a schedule may now be due sooner). */
    public void changed(ActionRecord record) {
        synchronized (seen) {
            seen.put(record.id(), signature(record));
        }
        events.publish("action", record);
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    /** What auto-optimisation may apply: the latest analysis's recommendations that an action carries out. */
    private List<ActionRequest> safeCandidates() {
        List<ActionRequest> all = new ArrayList<>();
        for (Recommendation r : latest().optimizationRecommendations()) {
            if (r.action() != null) {
                all.add(r.action());
            }
        }
        return all;
    }

    /** PostgreSQL targets the index advisor may inspect: pacer.yaml's and those added through the API. */
    private List<String> postgresTargets() {
        List<String> all = new ArrayList<>(config.targets().postgres());
        try {
            targets.list().stream()
                    .filter(t -> t.spec().kind().equals("postgres"))
                    .forEach(t -> all.add(t.spec().target()));
        } catch (IllegalStateException e) {
            LOG.warn("analysis without the targets added through the API: {}", e.getMessage());
        }
        return all;
    }

    private void run() {
        snapshot(false);
        while (!closed) {
            Duration next = MAX_TICK;
            if (leading.getAsBoolean()) {
                try {
                    next = actions.tick(clock.instant());
                    snapshot(true);
                } catch (RuntimeException e) {
                    LOG.warn("actions: a tick failed, trying again in {}: {}", MAX_TICK, e.toString());
                }
            }
            long millis = Math.max(MIN_TICK.toMillis(), Math.min(MAX_TICK.toMillis(), next.toMillis()));
            synchronized (wake) {
                try {
                    if (!woken && !closed) {
                        wake.wait(millis);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                woken = false;
            }
        }
    }

    /** Publishes every recent action whose status or verdict changed since the last look (when {@code publish}). */
    private void snapshot(boolean publish) {
        List<ActionRecord> recent;
        try {
            recent = actions.history(WATCHED);
        } catch (RuntimeException e) {
            LOG.warn("actions: the history cannot be read now: {}", e.toString());
            return;
        }
        List<ActionRecord> changed = new ArrayList<>();
        synchronized (seen) {
            for (ActionRecord r : recent) {
                if (!signature(r).equals(seen.put(r.id(), signature(r)))) {
                    changed.add(r);
                }
            }
            seen.keySet().retainAll(recent.stream().map(ActionRecord::id).toList());
        }
        if (publish) {
            changed.forEach(r -> events.publish("action", r));
        }
    }

    private static String signature(ActionRecord r) {
        return r.status() + "|" + Objects.toString(r.verdict(), "") + "|" + Objects.toString(r.error(), "");
    }

    /** Stops the tick thread (an action being applied finishes first); the history is in the state database. */
    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
        try {
            ticker.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ticker.isAlive()) {
            LOG.warn("actions: the tick thread did not stop within 10 s");
        }
    }
}
