package io.pacer.load.batcher;

import io.pacer.load.Outcome;
import io.pacer.load.RecordAccounting;
import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the batcher's deliveries back into operations. The batcher reports only acceptance ({@code offer}); this
 * sink sits between the batcher and the real one and sees every event the sink acknowledges, so each operation
 * completes when its event is <em>delivered</em> — the latency the engine records runs from the operation's
 * intended start to the sink's acknowledgement of its batch.
 *
 * <p>Events are traced by id, not by object, so events replayed from the disk spool (decoded anew) still end their
 * operation. It also counts what the batcher does not expose per event: sink calls, events handed to the sink,
 * re-sends (retries), acknowledgements of an id already acknowledged (duplicates), events delivered from the
 * spool, and keeps the set of acknowledged ids for {@link #accounting}.
 *
 * <p>An event fails its operation only when it cannot be retried any more: the sink rejected it (or its whole
 * batch) with an error the sink calls permanent — then the batcher gives it up too. Events whose retries run out
 * (per-event rejections beyond the breaker's {@code maxAttempts}) are not told apart here: their operations end
 * as {@code incomplete} at the drain timeout, and the batcher counts them as {@code failed}.
 */
final class TrackingSink implements BatchSink<Event> {

    /** One operation waiting for its event's delivery. */
    private static final class Pending {
        final Event offered;
        final CompletableFuture<Outcome> done = new CompletableFuture<>();
        int attempts; // flusher thread only

        Pending(Event offered) {
            this.offered = offered;
        }
    }

    private final BatchSink<Event> sink;
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final IdSet acknowledged = new IdSet(); // guarded by itself
    private final AtomicLong issued = new AtomicLong();
    final AtomicLong sinkCalls = new AtomicLong();
    final AtomicLong failedSinkCalls = new AtomicLong();
    final AtomicLong eventsSent = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong fromSpool = new AtomicLong();
    final AtomicLong failedForGood = new AtomicLong();

    TrackingSink(BatchSink<Event> sink) {
        this.sink = sink;
    }

    /** Registers an event before it is offered; its operation completes when the event is delivered. */
    CompletableFuture<Outcome> register(Event event) {
        Pending p = new Pending(event);
        if (pending.putIfAbsent(event.id(), p) != null) {
            throw new IllegalStateException("event id " + event.id() + " was offered twice");
        }
        return p.done;
    }

    /** The batcher accepted the event: it counts as issued from now on. */
    void accepted() {
        issued.incrementAndGet();
    }

    /** The batcher refused the event: its operation ends now, classified as {@code status}. */
    void refused(Event event, String status) {
        Pending p = pending.remove(event.id());
        if (p != null) {
            p.done.complete(Outcome.failed(status));
        }
    }

    @Override
    public CompletionStage<BatchResult> deliver(List<Event> batch) {
        sinkCalls.incrementAndGet();
        eventsSent.addAndGet(batch.size());
        for (Event event : batch) {
            Pending p = pending.get(event.id());
            if (p == null || p.attempts++ > 0) {
                retries.incrementAndGet(); // sent before: delivered already (a replayed spool batch) or failed
            }
        }
        CompletionStage<BatchResult> stage;
        try {
            stage = sink.deliver(batch);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((result, failure) -> settle(batch, result, failure));
    }

    private void settle(List<Event> batch, BatchResult result, Throwable failure) {
        if (failure != null) {
            failedSinkCalls.incrementAndGet();
            Throwable cause = unwrap(failure);
            if (!sink.isRetriable(cause)) {
                for (Event event : batch) {
                    failForGood(event, cause);
                }
            }
            return;
        }
        boolean[] rejected = new boolean[batch.size()];
        Throwable permanent = null;
        for (BatchResult.EventFailure f : result.failures()) {
            if (f.index() < rejected.length) {
                rejected[f.index()] = true;
                if (permanent == null && !sink.isRetriable(f.cause())) {
                    permanent = f.cause();
                }
            }
        }
        synchronized (acknowledged) {
            for (int i = 0; i < rejected.length; i++) {
                if (!rejected[i] && !acknowledged.add(batch.get(i).id())) {
                    duplicates.incrementAndGet();
                }
            }
        }
        for (int i = 0; i < rejected.length; i++) {
            Event event = batch.get(i);
            if (!rejected[i]) {
                Pending p = pending.remove(event.id());
                if (p != null) {
                    if (p.offered != event) {
                        fromSpool.incrementAndGet(); // decoded from the spool: a new object with the same id
                    }
                    p.done.complete(Outcome.ok(event.payload().length));
                }
            } else if (permanent != null) {
                // The batcher retries a batch's rejected events only when every rejection is retriable.
                failForGood(event, permanent);
            }
        }
    }

    private void failForGood(Event event, Throwable cause) {
        Pending p = pending.remove(event.id());
        if (p != null) {
            failedForGood.incrementAndGet();
            p.done.complete(Outcome.failed(cause.getClass().getSimpleName()));
        }
    }

    /**
     * Accepted events against acknowledged ids: {@code received} counts ids the sink acknowledged (for the memory
     * sink exactly the ids that arrived; for Kafka and Redis the broker's or server's word that it stored them).
     */
    RecordAccounting accounting() {
        long received;
        synchronized (acknowledged) {
            received = acknowledged.size();
        }
        long issuedNow = issued.get();
        return new RecordAccounting(issuedNow, received, Math.max(0, issuedNow - received), duplicates.get(), 0);
    }

    /** Operations still waiting for their event's delivery. */
    int waiting() {
        return pending.size();
    }

    @Override
    public boolean isRetriable(Throwable failure) {
        return sink.isRetriable(failure);
    }

    @Override
    public int defaultMaxInFlight() {
        return sink.defaultMaxInFlight();
    }

    @Override
    public void close() throws Exception {
        sink.close();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public String toString() {
        return sink.toString();
    }
}
