package io.pacer.load.distributed;

import io.pacer.load.IntervalStats;
import io.pacer.load.LoadSetupException;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.Workload;
import io.pacer.metrics.Histograms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The coordinator: finds idle workers of its version from their heartbeats ({@link Roster}), sends each its
 * {@link Work}, waits until all are ready, sends the common start instant, then follows the run — intervals merged
 * live for the progress line (and, exact, for the result), notices passed on, every worker watched for silence — and
 * merges the shares' results ({@link Shares}). Everything happens on one thread, which is also the thread the listener is called on.
 */
final class CoordinatorRun implements DistributedRun {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final long RUNNING_EVERY_NANOS = 1_000_000_000L;

    private final CoordinatorSettings settings;
    private final List<String> command;
    private final Workload workload;
    private final Map<String, String> parameters;
    private final RunListener listener;
    private final Clock clock = Clock.systemUTC();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final AtomicInteger stops = new AtomicInteger();
    private final List<String> notices = new ArrayList<>();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    CoordinatorRun(
            CoordinatorSettings settings,
            List<String> command,
            Workload workload,
            Map<String, String> parameters,
            RunListener listener) {
        this.settings = settings;
        this.command = List.copyOf(command);
        this.workload = workload;
        this.parameters = Map.copyOf(parameters);
        this.listener = listener;
    }

    void begin() {
        Thread thread = new Thread(this::execute, "pacer-coordinator");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        stops.incrementAndGet();
    }

    @Override
    public RunResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("distributed run failed: " + e.getCause(), e.getCause());
        }
    }

    private void execute() {
        try (Bus bus = Bus.open(settings.control(), "pacer-coordinator-" + runId)) {
            if (settings.workers() != CoordinatorSettings.ALL) {
                Share.split(workload, settings.workers()); // refuses what cannot be shared before waiting for anyone
            }
            bus.listen(clock.instant().minus(settings.workerTimeout()), true);
            Roster roster = new Roster(settings, clock);
            List<WorkerInfo> chosen = roster.choose(bus, stops);
            notices.addAll(roster.notices());
            notices.forEach(this::notice);
            List<Share> split = Share.split(workload, chosen.size());
            List<Slot> slots = new ArrayList<>();
            for (int i = 0; i < chosen.size(); i++) {
                slots.add(new Slot(
                        chosen.get(i),
                        split.get(i),
                        roster.heardAt(chosen.get(i).name())));
            }
            checkCapacity(slots);
            for (Slot slot : slots) {
                bus.send(ControlMessage.work(
                        new Work(runId, slot.worker.name(), command, slot.share, settings.version())));
            }
            bus.flush();
            awaitReady(bus, slots);
            Instant at = clock.instant().plus(settings.startDelay());
            bus.send(ControlMessage.start(runId, at));
            bus.flush();
            List<IntervalStats> live = follow(bus, slots);
            result.complete(
                    Shares.merge(runId, settings.workers(), chosen.size(), workload, parameters, slots, live, notices));
        } catch (Throwable e) {
            result.completeExceptionally(e);
        }
    }

    private void checkCapacity(List<Slot> slots) {
        for (Slot slot : slots) {
            double rate = slot.share.peakRate(workload);
            if (slot.worker.capacity() > 0 && rate > slot.worker.capacity()) {
                throw new LoadSetupException(String.format(
                        Locale.ROOT,
                        "worker %s takes at most %.0f ops/s (--capacity) but its share is %.0f ops/s: add workers"
                                + " or lower the rate",
                        slot.worker.name(),
                        slot.worker.capacity(),
                        rate));
            }
        }
    }

    /** Waits for every worker's {@code ready}; a refusal, a failure or a silent worker ends the run before it starts. */
    private void awaitReady(Bus bus, List<Slot> slots) {
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        while (slots.stream().anyMatch(s -> !s.ready)) {
            String problem = null;
            if (stops.get() > 0) {
                problem = "stopped before the run started";
            } else if (System.nanoTime() - deadline > 0) {
                problem = "not ready within " + settings.readyTimeout().toSeconds() + " s: "
                        + slots.stream()
                                .filter(s -> !s.ready)
                                .map(s -> s.worker.name())
                                .collect(Collectors.joining(", "));
            }
            for (Object message : bus.poll(POLL)) {
                if (message instanceof ControlMessage m && ControlMessage.HEARTBEAT.equals(m.type())) {
                    slots.stream()
                            .filter(s -> s.worker.name().equals(m.worker().name()))
                            .forEach(s -> s.lastSeenNanos = System.nanoTime());
                } else if (message instanceof ResultMessage m && runId.equals(m.runId())) {
                    Slot slot = slots.get(m.share());
                    slot.lastSeenNanos = System.nanoTime();
                    switch (m.type()) {
                        case ResultMessage.READY -> slot.ready = true;
                        case ResultMessage.REFUSED -> problem = m.text();
                        case ResultMessage.FAILED ->
                            problem = "worker " + m.worker() + " could not prepare its share: " + m.text();
                        default -> {}
                    }
                }
            }
            for (Slot s : slots) {
                if (problem == null && silent(s)) {
                    problem = "worker " + s.worker.name() + " stopped heartbeating before the start";
                }
            }
            if (problem != null) {
                bus.send(ControlMessage.stop(runId));
                bus.flush();
                throw new LoadSetupException("the run on " + slots.size() + " workers cannot start: " + problem);
            }
        }
    }

    /** Follows the run until every share is done, failed or lost (or, after a second stop, no longer waited for). */
    private List<IntervalStats> follow(Bus bus, List<Slot> slots) {
        IntervalMerge merge = new IntervalMerge(slots.size());
        List<IntervalStats> live = new ArrayList<>();
        boolean stopSent = false;
        long said = System.nanoTime();
        while (slots.stream().anyMatch(s -> s.state == null)) {
            if (System.nanoTime() - said >= RUNNING_EVERY_NANOS) {
                bus.send(ControlMessage.running(runId)); // the workers' sign that someone still reads their results
                said = System.nanoTime();
            }
            if (stops.get() > 0 && !stopSent) {
                bus.send(ControlMessage.stop(runId));
                bus.flush();
                stopSent = true;
            }
            if (stops.get() > 1) {
                slots.stream().filter(s -> s.state == null).forEach(s -> s.settle("unreported", merge));
                break;
            }
            for (Object message : bus.poll(POLL)) {
                if (message instanceof ControlMessage m && ControlMessage.HEARTBEAT.equals(m.type())) {
                    slots.stream()
                            .filter(s -> s.worker.name().equals(m.worker().name()))
                            .forEach(s -> s.lastSeenNanos = System.nanoTime());
                } else if (message instanceof ResultMessage m && runId.equals(m.runId())) {
                    handle(slots.get(m.share()), m, merge, stopSent);
                }
            }
            for (Slot s : slots) {
                if (s.state == null && silent(s)) {
                    s.settle("lost", merge);
                    s.why = String.format(
                            Locale.ROOT, "no heartbeat for %.1f s", (System.nanoTime() - s.lastSeenNanos) / 1e9);
                    notice("worker " + s.worker.name() + " lost (" + s.why + "): its share " + s.share.name() + " ("
                            + s.share.terms(workload) + ") is missing from the result");
                }
            }
            merge.complete().forEach(i -> interval(i, live));
        }
        merge.rest().forEach(i -> interval(i, live));
        return live;
    }

    private void handle(Slot slot, ResultMessage m, IntervalMerge merge, boolean stopSent) {
        slot.lastSeenNanos = System.nanoTime();
        if (slot.state != null) {
            return;
        }
        switch (m.type()) {
            case ResultMessage.INTERVAL -> {
                if (m.interval() != null && m.histogram() != null) {
                    slot.reported(m.interval(), Histograms.decode(m.histogram()));
                    merge.add(slot.share.index(), m.interval(), Histograms.decode(m.histogram()));
                }
            }
            case ResultMessage.NOTICE -> {
                slot.notices.add(m.text()); // in its result too: shown live, kept once
                tell("worker " + slot.worker.name() + ": " + m.text());
            }
            case ResultMessage.DONE -> {
                slot.result = m.result();
                boolean cut = m.result().stopped();
                slot.settle(!cut ? "done" : stopSent ? "stopped" : "interrupted", merge);
                if (cut && !stopSent) {
                    slot.why = "the worker stopped before the end of its share (its own stop signal)";
                }
            }
            case ResultMessage.FAILED -> {
                slot.settle("failed", merge);
                slot.why = m.text();
                notice("worker " + slot.worker.name() + " failed: " + m.text());
            }
            default -> {}
        }
    }

    private boolean silent(Slot s) {
        return System.nanoTime() - s.lastSeenNanos > settings.workerTimeout().toNanos();
    }

    private void interval(IntervalStats stats, List<IntervalStats> live) {
        live.add(stats);
        try {
            listener.onInterval(stats);
        } catch (RuntimeException e) {
            notices.add("progress display failed: " + e);
        }
    }

    /** A notice of the run: kept for the result and shown. */
    private void notice(String message) {
        if (!notices.contains(message)) {
            notices.add(message);
        }
        tell(message);
    }

    /** Shown live only. */
    private void tell(String message) {
        try {
            listener.onNotice(message);
        } catch (RuntimeException ignored) {
            // the notice is kept in the result
        }
    }

    static Comparator<WorkerInfo> byName() {
        return Comparator.comparing(WorkerInfo::name);
    }
}
