package io.pacer.sink;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Polls a condition that something outside the test's control makes true (a client reconnecting), with a
 * deadline. For waits the test can observe directly, wait on that instead.
 */
final class Eventually {

    private static final Duration POLL = Duration.ofMillis(20);

    private Eventually() {
    }

    /** Returns once {@code condition} is true; fails with {@code what} and the last error after {@code timeout}. */
    static void await(Duration timeout, String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                if (condition.call()) {
                    return;
                }
                last = null;
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("not true within " + timeout + " (" + attempts + " attempts): " + what, last);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
