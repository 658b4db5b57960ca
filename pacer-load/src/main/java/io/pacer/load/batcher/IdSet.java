package io.pacer.load.batcher;

import java.util.HashMap;
import java.util.Map;

/**
 * A set of non-negative ids that are mostly dense (the operation sequence numbers of a run): a bit per id in
 * pages of 2^16, so a million ids cost 128 KiB. Not thread-safe.
 */
final class IdSet {
    private static final int PAGE_BITS = 16;
    private static final int WORDS = (1 << PAGE_BITS) / 64;

    private final Map<Long, long[]> pages = new HashMap<>();
    private long size;

    /** Adds {@code id}; returns false when it was already there. */
    boolean add(long id) {
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0, but was " + id);
        }
        long[] page = pages.computeIfAbsent(id >>> PAGE_BITS, k -> new long[WORDS]);
        int bit = (int) (id & ((1 << PAGE_BITS) - 1));
        long mask = 1L << (bit & 63);
        if ((page[bit >>> 6] & mask) != 0) {
            return false;
        }
        page[bit >>> 6] |= mask;
        size++;
        return true;
    }

    long size() {
        return size;
    }
}
