package io.pacer.testing;

import io.pacer.internal.Check;
import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchResult.EventFailure;
import io.pacer.sink.BatchSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A sink that keeps what it receives in memory and can be scripted to fail, hang or lag: the test double for the
 * batcher's tests and for users' tests of code that takes a {@link BatchSink}. Not part of pacer-core's API: it
 * ships in the test fixtures ({@code pacer-testing}).
 *
 * <p>Each {@link #deliver} takes the next {@link Behaviour} from the script ({@link #script}), or the
 * {@linkplain #otherwise default behaviour} (acknowledge at once) when the script is empty. Events it
 * acknowledges are recorded in order and can be read back ({@link #delivered()}) or awaited
 * ({@link #awaitDelivered}). Events matching {@link #rejectIf} are always rejected, whatever the script says.
 *
 * <p>Time: {@link Behaviour#delay} waits on the clock the sink was created with. {@link #create()} uses real
 * time and a scheduler thread the sink owns; {@link #create(ManualTicker)} completes a delayed batch when a test
 * advances that ticker past its due time (on the advancing thread), so nothing waits in real time.
 *
 * <p>Thread-safe: the flusher delivers while test threads read and script it. {@link #close} stops the scheduler
 * and fails every batch still hanging or delayed. After close, {@link #deliver} returns a stage failed with
 * {@link IllegalStateException}.
 *
 * <p>{@link #isRetriable} is {@code false} for {@link IllegalArgumentException} (how a rejected event is
 * reported) and {@link IllegalStateException} (use after close), {@code true} otherwise; change it with
 * {@link #retriableIf}.
 *
 * @param <T> the event type
 */
public final class InMemorySink<T> implements BatchSink<T> {

    /** What the sink does with one batch. Build with the static factories. */
    public sealed interface Behaviour {

        /** Acknowledge every event. */
        static Behaviour ack() {
            return Ack.INSTANCE;
        }

        /** Fail the whole batch: the stage completes exceptionally with {@code cause}; nothing is delivered. */
        static Behaviour fail(Throwable cause) {
            return new Fail(Objects.requireNonNull(cause, "cause"));
        }

        /** Reject the events at {@code indexes} with {@code cause}; acknowledge the others. */
        static Behaviour partial(Throwable cause, int... indexes) {
            Objects.requireNonNull(cause, "cause");
            Set<Integer> set = new TreeSet<>();
            for (int index : indexes) {
                Check.range("index", index, 0, Integer.MAX_VALUE);
                set.add(index);
            }
            return new Partial(cause, Set.copyOf(set));
        }

        /**
         * Hold the batch until {@code gate} completes: normally, then acknowledge every event; exceptionally,
         * then fail the whole batch with the gate's cause.
         */
        static Behaviour stall(CompletableFuture<?> gate) {
            return new Stall(Objects.requireNonNull(gate, "gate"));
        }

        /** Hold the batch until {@link InMemorySink#release()} acknowledges it, or close fails it. */
        static Behaviour hang() {
            return Hang.INSTANCE;
        }

        /** Wait {@code delay} on the sink's scheduler, then behave as {@code then}. */
        static Behaviour delay(Duration delay, Behaviour then) {
            Check.duration("delay", delay, Duration.ZERO, Duration.ofHours(1));
            return new Delay(delay, Objects.requireNonNull(then, "then"));
        }
    }

    private enum Ack implements Behaviour {
        INSTANCE
    }

    private enum Hang implements Behaviour {
        INSTANCE
    }

    private record Fail(Throwable cause) implements Behaviour {}

    private record Partial(Throwable cause, Set<Integer> indexes) implements Behaviour {}

    private record Stall(CompletableFuture<?> gate) implements Behaviour {}

    private record Delay(Duration delay, Behaviour then) implements Behaviour {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition deliveredChanged = lock.newCondition();
    private final Queue<Behaviour> script = new ArrayDeque<>();
    private final List<T> delivered = new ArrayList<>();
    private final List<List<T>> batchesDelivered = new ArrayList<>();
    private final List<CompletableFuture<Void>> hanging = new ArrayList<>();
    private final List<CompletableFuture<BatchResult>> pending = new ArrayList<>();
    private Behaviour otherwise = Behaviour.ack();
    private Predicate<? super T> poison = event -> false;
    private Predicate<? super Throwable> retriable =
            failure -> !(failure instanceof IllegalArgumentException || failure instanceof IllegalStateException);
    /** Drives delays when set; otherwise they run on {@link #scheduler}. */
    private final ManualTicker ticker;

    private ScheduledExecutorService scheduler;
    private int batches;
    private boolean closed;

    private InMemorySink(ManualTicker ticker) {
        this.ticker = ticker;
    }

    /** A sink whose delays run in real time. */
    public static <T> InMemorySink<T> create() {
        return new InMemorySink<>(null);
    }

    /** A sink whose delays end when {@code ticker} is advanced past them: no real waits. */
    public static <T> InMemorySink<T> create(ManualTicker ticker) {
        return new InMemorySink<>(Objects.requireNonNull(ticker, "ticker"));
    }

    /** Appends behaviours for the next deliveries, one each, in order. */
    public InMemorySink<T> script(Behaviour... behaviours) {
        List<Behaviour> list = List.of(behaviours);
        lock.lock();
        try {
            script.addAll(list);
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Fails the next {@code n} batches as a whole, each with a fresh cause from {@code cause}. */
    public InMemorySink<T> failNext(int n, Supplier<? extends Throwable> cause) {
        Check.range("n", n, 0, Integer.MAX_VALUE);
        Objects.requireNonNull(cause, "cause");
        Behaviour[] behaviours = new Behaviour[n];
        for (int i = 0; i < n; i++) {
            behaviours[i] = Behaviour.fail(cause.get());
        }
        return script(behaviours);
    }

    /** Rejects the events at {@code indexes} of the next batch with {@code cause}; acknowledges the others. */
    public InMemorySink<T> failEventsAt(Throwable cause, int... indexes) {
        return script(Behaviour.partial(cause, indexes));
    }

    /** What to do when the script is empty. Default: {@link Behaviour#ack()}. */
    public InMemorySink<T> otherwise(Behaviour behaviour) {
        Objects.requireNonNull(behaviour, "behaviour");
        lock.lock();
        try {
            otherwise = behaviour;
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Always rejects events matching {@code poison} with {@link IllegalArgumentException}, like a bad record. */
    public InMemorySink<T> rejectIf(Predicate<? super T> poison) {
        Objects.requireNonNull(poison, "poison");
        lock.lock();
        try {
            this.poison = poison;
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Replaces the rule {@link #isRetriable} answers with. */
    public InMemorySink<T> retriableIf(Predicate<? super Throwable> retriable) {
        Objects.requireNonNull(retriable, "retriable");
        lock.lock();
        try {
            this.retriable = retriable;
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Acknowledges every batch held by {@link Behaviour#hang()} so far. */
    public void release() {
        List<CompletableFuture<Void>> gates;
        lock.lock();
        try {
            gates = new ArrayList<>(hanging);
            hanging.clear();
        } finally {
            lock.unlock();
        }
        gates.forEach(gate -> gate.complete(null));
    }

    @Override
    public CompletionStage<BatchResult> deliver(List<T> batch) {
        List<T> copy = List.copyOf(batch);
        Behaviour behaviour;
        CompletableFuture<BatchResult> result = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("in-memory sink is closed"));
            }
            batches++;
            behaviour = script.isEmpty() ? otherwise : script.remove();
            pending.add(result);
        } finally {
            lock.unlock();
        }
        result.whenComplete((r, e) -> forget(result));
        behave(behaviour, copy, result);
        return result;
    }

    private void behave(Behaviour behaviour, List<T> batch, CompletableFuture<BatchResult> result) {
        if (behaviour instanceof Ack) {
            acknowledge(batch, Set.of(), null, result);
        } else if (behaviour instanceof Fail fail) {
            result.completeExceptionally(fail.cause());
        } else if (behaviour instanceof Partial partial) {
            acknowledge(batch, partial.indexes(), partial.cause(), result);
        } else if (behaviour instanceof Stall stall) {
            stall.gate().whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    acknowledge(batch, Set.of(), null, result);
                }
            });
        } else if (behaviour instanceof Hang) {
            CompletableFuture<Void> gate = new CompletableFuture<>();
            lock.lock();
            try {
                hanging.add(gate);
            } finally {
                lock.unlock();
            }
            behave(Behaviour.stall(gate), batch, result);
        } else if (behaviour instanceof Delay delay) {
            Runnable then = () -> behave(delay.then(), batch, result);
            if (ticker != null) {
                ticker.at(ticker.nanos() + delay.delay().toNanos(), then);
            } else {
                scheduler().schedule(then, delay.delay().toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Records the batch's events except {@code rejected} and the poison ones, then completes {@code result}. */
    private void acknowledge(
            List<T> batch, Set<Integer> rejected, Throwable cause, CompletableFuture<BatchResult> result) {
        List<EventFailure> failures = new ArrayList<>();
        List<T> accepted = new ArrayList<>(batch.size());
        lock.lock();
        try {
            if (closed) {
                return; // close() has already failed the stage
            }
            for (int i = 0; i < batch.size(); i++) {
                T event = batch.get(i);
                if (rejected.contains(i)) {
                    failures.add(new EventFailure(i, cause));
                } else if (poison.test(event)) {
                    failures.add(new EventFailure(i, new IllegalArgumentException("rejected event at index " + i)));
                } else {
                    accepted.add(event);
                }
            }
            delivered.addAll(accepted);
            batchesDelivered.add(List.copyOf(accepted));
            deliveredChanged.signalAll();
        } finally {
            lock.unlock();
        }
        result.complete(BatchResult.partial(failures));
    }

    private void forget(CompletableFuture<BatchResult> result) {
        lock.lock();
        try {
            pending.remove(result);
        } finally {
            lock.unlock();
        }
    }

    private ScheduledExecutorService scheduler() {
        lock.lock();
        try {
            if (scheduler == null) {
                scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "pacer-in-memory-sink");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return scheduler;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isRetriable(Throwable failure) {
        lock.lock();
        try {
            return retriable.test(failure);
        } finally {
            lock.unlock();
        }
    }

    /** Every acknowledged event, in the order acknowledged. */
    public List<T> delivered() {
        lock.lock();
        try {
            return List.copyOf(delivered);
        } finally {
            lock.unlock();
        }
    }

    /** How many times {@link #deliver} was called before close, whatever the outcome (retries count). */
    public int batches() {
        lock.lock();
        try {
            return batches;
        } finally {
            lock.unlock();
        }
    }

    /** The acknowledged events of each batch that was at least partly acknowledged, batch by batch. */
    public List<List<T>> batchesDelivered() {
        lock.lock();
        try {
            return Collections.unmodifiableList(new ArrayList<>(batchesDelivered));
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code n} events are acknowledged; {@code false} if {@code timeout} passes first. */
    public boolean awaitDelivered(int n, Duration timeout) throws InterruptedException {
        Check.duration("timeout", timeout, Duration.ZERO, Duration.ofDays(1));
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (delivered.size() < n) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = deliveredChanged.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the scheduler and fails every batch still hanging or delayed. Idempotent. */
    @Override
    public void close() {
        List<CompletableFuture<BatchResult>> unfinished;
        ScheduledExecutorService toStop;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            unfinished = new ArrayList<>(pending);
            hanging.clear();
            toStop = scheduler;
        } finally {
            lock.unlock();
        }
        if (toStop != null) {
            toStop.shutdownNow();
            try {
                toStop.awaitTermination(5, TimeUnit.SECONDS); // its tasks never block, so this is quick
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        IllegalStateException closing = new IllegalStateException("in-memory sink closed before the batch completed");
        unfinished.forEach(result -> result.completeExceptionally(closing));
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "InMemorySink[batches=" + batches + ", delivered=" + delivered.size() + ", scripted="
                    + Arrays.toString(script.toArray()) + (closed ? ", closed]" : "]");
        } finally {
            lock.unlock();
        }
    }
}
