package io.pacer.batch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How many events in the ring should wake the parked flusher ({@link #AWAKE} while it runs). Producers read it
 * on every offer and the flusher writes it around each park, so it sits alone on its cache line: an int in the
 * middle of an array padded 64 bytes on both sides, which no other field can share.
 */
final class WakeCell {
    static final int AWAKE = Integer.MAX_VALUE;
    private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int SLOT = 16;

    private final int[] padded = new int[2 * SLOT + 1];

    WakeCell() {
        set(AWAKE);
    }

    int get() {
        return (int) CELL.getVolatile(padded, SLOT);
    }

    void set(int threshold) {
        CELL.setVolatile(padded, SLOT, threshold);
    }
}
