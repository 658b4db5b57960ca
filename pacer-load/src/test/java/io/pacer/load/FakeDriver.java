package io.pacer.load;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A driver with no I/O for engine tests: {@code behaviour} decides each call's outcome (completing synchronously,
 * later from a scheduler, exceptionally, or by throwing). It keeps every call and the most operations it ever had
 * in flight.
 */
class FakeDriver implements Driver {
    private final Function<Call, CompletionStage<Outcome>> behaviour;
    final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile boolean opened;
    volatile boolean closed;

    FakeDriver(Function<Call, CompletionStage<Outcome>> behaviour) {
        this.behaviour = behaviour;
    }

    /** Every call succeeds at once with one 100-byte record. */
    static FakeDriver instant() {
        return new FakeDriver(call -> CompletableFuture.completedFuture(Outcome.ok(100)));
    }

    /** Completes {@code outcome} on {@code scheduler} after {@code delayMillis}. */
    static CompletableFuture<Outcome> later(ScheduledExecutorService scheduler, long delayMillis, Outcome outcome) {
        CompletableFuture<Outcome> future = new CompletableFuture<>();
        scheduler.schedule(() -> future.complete(outcome), delayMillis, TimeUnit.MILLISECONDS);
        return future;
    }

    @Override
    public void open() {
        opened = true;
    }

    @Override
    public CompletionStage<Outcome> start(Call call) {
        calls.add(call);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        CompletionStage<Outcome> stage;
        try {
            stage = behaviour.apply(call);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        return stage.whenComplete((o, e) -> inFlight.decrementAndGet());
    }

    List<Call> callList() {
        return List.copyOf(calls);
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public void close() {
        closed = true;
    }
}
