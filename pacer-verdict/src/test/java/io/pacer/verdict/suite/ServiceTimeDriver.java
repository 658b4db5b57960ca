package io.pacer.verdict.suite;

import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A system under test with a known capacity: one server that serves operations in arrival order, each for a fixed
 * service time. Below {@code 1 / serviceTime} operations per second an operation waits only for its own service; above
 * it a queue builds and latency climbs without bound — the turn a capacity search must find. Real time, real threads:
 * the engine drives it as it drives any target.
 */
class ServiceTimeDriver implements Driver {

    private final long serviceNanos;
    private ScheduledExecutorService server;
    private long freeAt;

    ServiceTimeDriver(long serviceMicros) {
        this.serviceNanos = TimeUnit.MICROSECONDS.toNanos(serviceMicros);
    }

    /** The rate above which the queue grows, operations per second. */
    double capacity() {
        return 1e9 / serviceNanos;
    }

    @Override
    public void open() {
        server = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "service-time-server");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletionStage<Outcome> start(Call call) {
        long now = System.nanoTime();
        long done;
        synchronized (this) {
            done = Math.max(now, freeAt) + serviceNanos;
            freeAt = done;
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        server.schedule(() -> outcome.complete(Outcome.ok(100)), done - now, TimeUnit.NANOSECONDS);
        return outcome;
    }

    @Override
    public String describe() {
        return "service-time " + TimeUnit.NANOSECONDS.toMicros(serviceNanos) + "us";
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
