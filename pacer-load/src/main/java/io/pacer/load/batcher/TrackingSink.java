package io.pacer.load.batcher;

import io.pacer.batch.DeliveryListener;
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
 * Turns the batcher's deliveries back into operations. {@code offer} reports only acceptance; this sink sits
 * between the batcher and the real one and sees every event the sink acknowledges, so each operation completes
 * when its event is <em>delivered</em> — the latency the engine records runs from the operation's intended start
 * to the sink's acknowledgement of its batch (a moment before the batcher settles it, so not from its
 * {@link DeliveryListener#delivered}).
 *
 * <p>Events are traced by id, not by object, so events replayed from the disk spool (decoded anew) still end their
 * operation. It also counts what the batcher does not expose per event: sink calls, events handed to the sink,
 * re-sends (retries), acknowledgements of an id already acknowledged (duplicates), events delivered from the
 * spool, and keeps the set of acknowledged ids for {@link #accounting}.
 *
 * <p>An event fails its operation when the batcher gives it up, which it says as the batcher's
 * {@link DeliveryListener}: the sink rejected it (or its whole batch) with an error the sink calls permanent, or
 * its per-event retries ran out at the breaker policy's {@code maxAttempts}. The operation then ends at once,
 * failed with the cause's class name as its status, instead of waiting out the drain as {@code incomplete}; the
 * batcher, not this sink, decides when retries are over (it alone knows, with several batches in flight).
 */
final class TrackingSink implements BatchSink<Event>, DeliveryListener<Event> {

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
    /** Operations ended because the batcher gave their event up with a permanent cause. */
    final AtomicLong failedPermanent = new AtomicLong();
    /** Operations ended because the batcher gave their event up with a retriable cause: its retries were over. */
    final AtomicLong failedRetriable = new AtomicLong();

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

    /** Completes the operations of the events the sink acknowledged; what is given up is the batcher's to say. */
    private void settle(List<Event> batch, BatchResult result, Throwable failure) {
        if (failure != null) {
            failedSinkCalls.incrementAndGet();
            return;
        }
        boolean[] rejected = new boolean[batch.size()];
        for (BatchResult.EventFailure f : result.failures()) {
            if (f.index() < rejected.length) {
                rejected[f.index()] = true;
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
            }
        }
    }

    /**
     * The batcher gave these events up for good (flusher thread): their operations fail now, with the cause's
     * class name as status. An event whose id was acknowledged earlier (a spooled batch sent again whole) has
     * already ended as delivered and stays so.
     */
    @Override
    public void failed(List<Event> events, Throwable failure) {
        Throwable cause = unwrap(failure);
        String status = cause.getClass().getSimpleName();
        AtomicLong counter = isRetriable(cause) ? failedRetriable : failedPermanent;
        for (Event event : events) {
            Pending p = pending.remove(event.id());
            if (p != null) {
                counter.incrementAndGet();
                p.done.complete(Outcome.failed(status));
            }
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
