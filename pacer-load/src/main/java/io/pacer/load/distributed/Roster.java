package io.pacer.load.distributed;

import io.pacer.load.LoadSetupException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The workers a coordinator (or {@code pacer workers}) hears from: the latest heartbeat of each, and when it came.
 * A worker is live while its heartbeats keep coming within the worker timeout; a worker that leaves says so.
 */
final class Roster {

    private final CoordinatorSettings settings;
    private final Clock clock;
    private final Map<String, Heard> heard = new HashMap<>();
    private final List<String> notices = new ArrayList<>();

    private record Heard(WorkerInfo info, long atNanos) {}

    Roster(CoordinatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Takes a heartbeat or a leave. A heartbeat read while catching up on the topic counts from when it was sent
     * (at most the worker timeout ago, since reading starts there), a live one from now.
     */
    void hear(ControlMessage m) {
        if (m.worker() == null) {
            return;
        }
        if (ControlMessage.LEAVE.equals(m.type())) {
            heard.remove(m.worker().name());
        } else if (ControlMessage.HEARTBEAT.equals(m.type())) {
            long age = Math.max(
                    0,
                    Math.min(
                            Duration.between(m.worker().at(), clock.instant()).toNanos(),
                            settings.workerTimeout().toNanos()));
            heard.put(m.worker().name(), new Heard(m.worker(), System.nanoTime() - age));
        }
    }

    /** Workers heard from within the worker timeout, by name. */
    List<WorkerInfo> live() {
        long now = System.nanoTime();
        return heard.values().stream()
                .filter(h -> now - h.atNanos() <= settings.workerTimeout().toNanos())
                .map(Heard::info)
                .sorted(CoordinatorRun.byName())
                .toList();
    }

    /** When {@code name} was last heard from, {@link System#nanoTime()}; now for a worker never heard. */
    long heardAt(String name) {
        Heard h = heard.get(name);
        return h == null ? System.nanoTime() : h.atNanos();
    }

    /** What choosing left out, for the result's notices. */
    List<String> notices() {
        return List.copyOf(notices);
    }

    /**
     * Waits for the workers to use: N idle ones of this version, or — for {@link CoordinatorSettings#ALL} — every
     * live one once the recent heartbeats are read.
     *
     * @throws LoadSetupException naming who was found, busy or of another version, when there are not enough
     */
    List<WorkerInfo> choose(Bus bus, AtomicInteger stops) {
        long deadline = System.nanoTime() + settings.waitForWorkers().toNanos();
        boolean caughtUp = false;
        while (true) {
            for (Object message : bus.poll(Duration.ofMillis(100))) {
                if (message instanceof ControlMessage m) {
                    hear(m);
                }
            }
            caughtUp = caughtUp || bus.caughtUpOnControl();
            List<WorkerInfo> usable = usable();
            int wanted = settings.workers();
            if (caughtUp && wanted != CoordinatorSettings.ALL && usable.size() >= wanted) {
                return done(usable.subList(0, wanted));
            }
            if (caughtUp && wanted == CoordinatorSettings.ALL && !usable.isEmpty()) {
                return done(usable);
            }
            if (stops.get() > 0) {
                throw new LoadSetupException("stopped while waiting for workers");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new LoadSetupException(shortfall(usable));
            }
        }
    }

    private List<WorkerInfo> usable() {
        return live().stream()
                .filter(w -> w.idle() && w.version().equals(settings.version()))
                .toList();
    }

    private List<WorkerInfo> done(List<WorkerInfo> chosen) {
        for (WorkerInfo w : live()) {
            if (!w.version().equals(settings.version())) {
                notices.add(refusal(w));
            }
        }
        return List.copyOf(chosen);
    }

    private String refusal(WorkerInfo w) {
        return "worker " + w.name() + " refused: it runs pacer " + w.version() + ", this coordinator pacer "
                + settings.version();
    }

    private String shortfall(List<WorkerInfo> usable) {
        String wanted = settings.workers() == CoordinatorSettings.ALL ? "a worker" : settings.workers() + " workers";
        StringBuilder s = new StringBuilder("waited "
                + settings.waitForWorkers().toSeconds() + " s for " + wanted
                + " of pacer " + settings.version() + " on "
                + settings.control().controlTopic() + " at "
                + settings.control().bootstrapServers() + ": found " + usable.size()
                + (usable.isEmpty()
                        ? ""
                        : " (" + usable.stream().map(WorkerInfo::name).collect(Collectors.joining(", ")) + ")"));
        for (WorkerInfo w : live()) {
            if (!w.version().equals(settings.version())) {
                s.append("; ").append(refusal(w));
            } else if (!w.idle()) {
                s.append("; worker ")
                        .append(w.name())
                        .append(" is busy with run ")
                        .append(w.runId());
            }
        }
        return s.append("; start workers with: pacer worker --bootstrap ")
                .append(settings.control().bootstrapServers())
                .toString();
    }
}
