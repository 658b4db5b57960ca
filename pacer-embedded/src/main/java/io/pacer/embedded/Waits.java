package io.pacer.embedded;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for servers that offer no completion callback: every wait here ends by a deadline. */
final class Waits {

    private static final long POLL_MILLIS = 25;

    private Waits() {}

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes.
     *
     * @throws IllegalStateException naming {@code what} when the deadline passes first
     */
    static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
