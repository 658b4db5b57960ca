package io.pacer.load.kafka;

import io.pacer.load.Outcome;
import io.pacer.load.RecordAccounting;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accounts for every id of a stream test: {@link #expect} registers an id before its record is produced (any
 * thread) and returns the stage that completes when the id first arrives on the output topic; {@link #arrived} is
 * called for each output record by the single polling thread. An id seen again is a duplicate; an id this run never
 * issued (or a key that is no id) is unknown; an issued id never seen is lost.
 */
final class Arrivals {

    private final ConcurrentHashMap<Long, CompletableFuture<Outcome>> awaiting = new ConcurrentHashMap<>();
    private final BitSet seen = new BitSet(); // polling thread only
    private final AtomicLong issued = new AtomicLong();
    // written by the polling thread only, read by any
    private volatile long received;
    private volatile long duplicates;
    private volatile long unknown;

    /** Registers {@code id} (0 ≤ id ≤ Integer.MAX_VALUE, each at most once) and returns its arrival. */
    CompletableFuture<Outcome> expect(long id) {
        if (id < 0 || id > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stream ids must be in [0, " + Integer.MAX_VALUE + "], but was " + id);
        }
        CompletableFuture<Outcome> arrival = new CompletableFuture<>();
        if (awaiting.putIfAbsent(id, arrival) != null) {
            throw new IllegalStateException("id " + id + " was issued twice");
        }
        issued.incrementAndGet();
        return arrival;
    }

    /** Accounts for one output record carrying {@code id} ({@link Ids#NOT_AN_ID} if its key is none). */
    void arrived(long id, long bytes) {
        if (id < 0 || id > Integer.MAX_VALUE) {
            unknown++;
            return;
        }
        CompletableFuture<Outcome> arrival = awaiting.remove(id);
        if (arrival != null) {
            seen.set((int) id);
            received++;
            arrival.complete(Outcome.ok(bytes));
        } else if (seen.get((int) id)) {
            duplicates++;
        } else {
            unknown++;
        }
    }

    long issued() {
        return issued.get();
    }

    /** Distinct issued ids seen. */
    long received() {
        return received;
    }

    long duplicates() {
        return duplicates;
    }

    long unknown() {
        return unknown;
    }

    /** Issued ids not seen (yet: final once nothing more can arrive). */
    long lost() {
        return issued.get() - received;
    }

    /** Every figure at once; received is read before issued, so lost is never negative. */
    RecordAccounting accounting() {
        long receivedNow = received;
        long issuedNow = issued.get();
        return new RecordAccounting(issuedNow, receivedNow, issuedNow - receivedNow, duplicates, unknown);
    }

    /** Issued ids not seen yet. */
    int awaiting() {
        return awaiting.size();
    }
}
