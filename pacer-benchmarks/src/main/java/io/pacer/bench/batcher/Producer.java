package io.pacer.bench.batcher;

/**
 * One producer thread's side of a trial: a ring of pre-boxed events, so boxing is not measured as allocation, and
 * how many events this thread offered. Each contender declares a {@code @State(Scope.Thread)} subclass whose
 * trial setup registers it with that contender.
 */
public abstract class Producer {

    /** 4,096 distinct {@code Long}s (outside the {@code Long.valueOf} cache): about 80 KiB, resident in L2. */
    private static final int EVENTS = 1 << 12;

    private static final int MASK = EVENTS - 1;

    private final Long[] events = new Long[EVENTS];
    /** Written only by the owning producer thread; summed by {@link Contender#offered} after the trial. */
    long offered;

    protected Producer() {
        for (int i = 0; i < EVENTS; i++) {
            events[i] = Long.valueOf(1_000L + i);
        }
    }

    /** The next event to offer; counts it as offered. */
    final Long next() {
        return events[(int) (offered++ & MASK)];
    }
}
