package io.pacer.load.distributed;

import io.pacer.load.IntervalStats;
import io.pacer.load.LoadEngine;
import io.pacer.load.LoadRun;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.Workload;
import io.pacer.metrics.Histograms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.AbstractHistogram;

/**
 * A worker: heartbeats on one thread, the control topic read on another, and at most one share run at a time on a
 * third. A share is prepared (command parsed, driver opened), reported {@code ready}, started at the coordinator's
 * common instant, streamed interval by interval and finished with its whole result.
 */
final class WorkerEngine implements Worker {

    /** How long a prepared share waits for its start before giving up (the coordinator is gone). */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private static final Duration POLL = Duration.ofMillis(100);

    private final WorkerSettings settings;
    private final Launcher launcher;
    private final Consumer<String> log;
    private final Clock clock;
    private final Bus bus;
    private final WorkerInfo idle;
    private final ScheduledExecutorService heartbeats;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Assignment current;

    private WorkerEngine(
            WorkerSettings settings, Launcher launcher, Consumer<String> log, Clock clock, Bus bus, WorkerInfo idle) {
        this.settings = settings;
        this.launcher = launcher;
        this.log = log;
        this.clock = clock;
        this.bus = bus;
        this.idle = idle;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pacer-worker-heartbeat");
            t.setDaemon(true);
            return t;
        });
        this.listener = new Thread(this::listen, "pacer-worker-control");
    }

    static WorkerEngine start(WorkerSettings settings, Launcher launcher, Consumer<String> log, String host) {
        Bus bus = Bus.open(settings.control(), "pacer-worker-" + settings.name());
        Clock clock = Clock.systemUTC();
        WorkerInfo idle = new WorkerInfo(
                settings.name(),
                host,
                Runtime.getRuntime().availableProcessors(),
                settings.version(),
                settings.capacity(),
                null,
                clock.instant());
        WorkerEngine worker = new WorkerEngine(settings, launcher, log, clock, bus, idle);
        bus.listen(null, false);
        worker.heartbeats.scheduleAtFixedRate(
                worker::heartbeat, 0, settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        worker.listener.start();
        return worker;
    }

    @Override
    public WorkerInfo info() {
        Assignment a = current;
        return idle.busyWith(a == null ? null : a.work.runId(), clock.instant());
    }

    @Override
    public void close() {
        running = false;
        Assignment a = current;
        if (a != null) {
            a.stop();
            a.awaitEnd();
        }
        heartbeats.shutdownNow();
        try {
            listener.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            bus.send(ControlMessage.leave(info()));
            bus.flush();
        } finally {
            bus.close();
        }
    }

    private void heartbeat() {
        try {
            bus.send(ControlMessage.heartbeat(info()));
        } catch (RuntimeException e) {
            log.accept("heartbeat not sent: " + e.getMessage());
        }
        Assignment a = current;
        if (a != null && a.orphaned()) {
            log.accept("run " + a.work.runId() + ": no word from its coordinator for "
                    + settings.coordinatorTimeout().toSeconds() + " s: stopping it");
            a.stop();
        }
    }

    private void listen() {
        while (running) {
            try {
                for (Object message : bus.poll(POLL)) {
                    if (message instanceof ControlMessage m) {
                        handle(m);
                    }
                }
            } catch (RuntimeException e) { // the cluster away for a while: keep listening, say so
                log.accept("reading the control topic failed, retrying: " + e.getMessage());
                LockSupport.parkNanos(POLL.toNanos());
            }
        }
    }

    private void handle(ControlMessage m) {
        Assignment a = current;
        switch (m.type()) {
            case ControlMessage.WORK -> {
                if (m.work() != null && settings.name().equals(m.work().worker())) {
                    take(m.work());
                }
            }
            case ControlMessage.START -> {
                if (a != null && a.work.runId().equals(m.runId()) && m.at() != null) {
                    a.heardNanos = System.nanoTime();
                    a.start.complete(m.at());
                }
            }
            case ControlMessage.RUNNING -> {
                if (a != null && a.work.runId().equals(m.runId())) {
                    a.heardNanos = System.nanoTime();
                }
            }
            case ControlMessage.STOP -> {
                if (a != null && a.work.runId().equals(m.runId())) {
                    log.accept("run " + m.runId() + ": the coordinator stops it");
                    a.stop();
                }
            }
            default -> {
                // heartbeats of other workers, messages for others
            }
        }
    }

    private void take(Work work) {
        if (!settings.version().equals(work.version())) {
            String why = "worker " + settings.name() + " runs pacer " + settings.version() + " but the coordinator runs"
                    + " pacer " + work.version() + ": refused; run the same version on both";
            log.accept("run " + work.runId() + " refused: " + why);
            bus.send(ResultMessage.of(ResultMessage.REFUSED, work, why));
            return;
        }
        if (current != null) {
            String why = "worker " + settings.name() + " is busy with run " + current.work.runId();
            bus.send(ResultMessage.of(ResultMessage.REFUSED, work, why));
            return;
        }
        Assignment a = new Assignment(work);
        current = a;
        Thread thread = new Thread(a::run, "pacer-worker-run");
        thread.setDaemon(true);
        thread.start();
    }

    /** One share being run. */
    private final class Assignment implements RunListener {
        final Work work;
        final CompletableFuture<Instant> start = new CompletableFuture<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        private volatile boolean stopped;
        private volatile LoadRun run;
        /** When the coordinator was last heard from about this run. */
        volatile long heardNanos = System.nanoTime();

        Assignment(Work work) {
            this.work = work;
        }

        void run() {
            log.accept("run " + work.runId() + ": share " + (work.share().index() + 1) + "/"
                    + work.share().count() + " of: " + String.join(" ", work.command()));
            try {
                execute();
            } catch (Exception | LinkageError e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.accept("run " + work.runId() + " failed: " + why);
                bus.send(ResultMessage.of(ResultMessage.FAILED, work, why));
            } finally {
                bus.flush();
                current = null;
                ended.complete(null);
            }
        }

        private void execute() throws Exception {
            Launcher.Job job = launcher.prepare(work.command(), work.share());
            try {
                Workload workload = work.share().apply(job.workload());
                SharedDriver driver = SharedDriver.of(job.driver(), work.share(), job.ownInput());
                try {
                    driver.prepare();
                } catch (Exception e) {
                    closeQuietly(driver);
                    throw e;
                }
                bus.send(ResultMessage.of(ResultMessage.READY, work, null));
                Instant at;
                try {
                    at = start.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    closeQuietly(driver);
                    throw new IllegalStateException("no start within " + START_TIMEOUT.toMinutes() + " minutes of"
                            + " being ready: the coordinator is gone");
                }
                if (at == null) { // stopped before the start
                    closeQuietly(driver);
                    throw new IllegalStateException("stopped by the coordinator before the start");
                }
                long wait = Duration.between(clock.instant(), at).toMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                Map<String, String> parameters = new LinkedHashMap<>(job.parameters());
                parameters.put("worker", settings.name());
                parameters.put(
                        "share", (work.share().index() + 1) + "/" + work.share().count());
                parameters.put("run_id", work.runId());
                run = LoadEngine.start(workload, driver, this, parameters);
                if (stopped) {
                    run.stop();
                }
                RunResult result = run.await();
                bus.send(ResultMessage.done(work, result));
                log.accept("run " + work.runId() + " done: " + result.counts().operations() + " operations"
                        + (result.stopped() ? " (stopped early)" : ""));
            } finally {
                job.release().run();
            }
        }

        /** Started, not stopped, and its coordinator silent for longer than the coordinator timeout. */
        boolean orphaned() {
            return run != null
                    && !stopped
                    && System.nanoTime() - heardNanos
                            > settings.coordinatorTimeout().toNanos();
        }

        void stop() {
            stopped = true;
            start.complete(null);
            LoadRun r = run;
            if (r != null) {
                r.stop();
            }
        }

        void awaitEnd() {
            try {
                ended.get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                log.accept("run " + work.runId() + " did not end in time: " + e);
            }
        }

        @Override
        public void onInterval(IntervalStats stats, AbstractHistogram latency) {
            bus.send(ResultMessage.interval(work, stats, Histograms.encode(latency)));
        }

        @Override
        public void onNotice(String message) {
            log.accept("run " + work.runId() + ": " + message);
            bus.send(ResultMessage.of(ResultMessage.NOTICE, work, message));
        }

        private void closeQuietly(SharedDriver driver) {
            try {
                driver.close();
            } catch (Exception e) {
                log.accept("closing the driver failed: " + e);
            }
        }
    }
}
