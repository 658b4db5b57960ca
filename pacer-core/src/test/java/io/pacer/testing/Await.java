package io.pacer.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a condition something outside the test's direct control makes true (a broadcast arriving, a client
 * reconnecting, Caffeine's background maintenance), with a deadline.
 */
public final class Await {
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private Await() {}

    /** Returns once {@code condition} is true; fails naming {@code what} (and the last error) after {@code timeout}. */
    public static void until(Duration timeout, String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                if (condition.call()) {
                    return;
                }
                last = null;
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("not true within " + timeout + ": " + what, last);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** As above, for a value read by {@code observe}; the failure names the last value and {@code context}. */
    public static <T> void until(
            Duration timeout, String what, Callable<T> observe, Predicate<T> ok, Supplier<?> context) {
        Object[] last = new Object[1];
        try {
            until(timeout, what, () -> {
                T value = observe.call();
                last[0] = value;
                return ok.test(value);
            });
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + " (last seen: " + last[0] + "; " + context.get() + ")", e.getCause());
        }
    }
}
