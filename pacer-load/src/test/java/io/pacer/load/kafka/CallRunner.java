package io.pacer.load.kafka;

import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in for the load engine in driver tests: starts calls on an open-model schedule (each call's intended
 * start is its schedule time, latency counts from there) and awaits their stages with a timeout.
 */
final class CallRunner {

    /** How long a test waits for anything; generous for a shared, noisy 2-core machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private CallRunner() {}

    /** One call's result; {@code completedNanos} in {@link System#nanoTime()}. */
    record Result(Call call, Outcome outcome, long completedNanos) {
        double latencyMillis() {
            return (completedNanos - call.intendedStartNanos()) / 1e6;
        }
    }

    /** Starts {@code count} calls with sequences from {@code firstSequence} at {@code ratePerSecond}, user 0. */
    static List<CompletableFuture<Result>> start(Driver driver, long firstSequence, int count, double ratePerSecond) {
        return start(driver, firstSequence, count, ratePerSecond, 1);
    }

    /** As above, dealing calls to {@code users} users round-robin. */
    static List<CompletableFuture<Result>> start(
            Driver driver, long firstSequence, int count, double ratePerSecond, int users) {
        long intervalNanos = (long) (1e9 / ratePerSecond);
        long begin = System.nanoTime();
        List<CompletableFuture<Result>> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long intended = begin + i * intervalNanos;
            for (long wait; (wait = intended - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait); // pacing to the schedule, not waiting for an outcome
            }
            Call call = new Call(i % users, firstSequence + i, intended);
            results.add(driver.start(call)
                    .toCompletableFuture()
                    .thenApply(outcome -> new Result(call, outcome, System.nanoTime())));
        }
        return results;
    }

    /** Runs {@code count} calls and returns their results, failing if any is not done within {@link #TIMEOUT}. */
    static List<Result> run(Driver driver, long firstSequence, int count, double ratePerSecond) throws Exception {
        return await(start(driver, firstSequence, count, ratePerSecond));
    }

    static List<Result> await(List<CompletableFuture<Result>> started) throws Exception {
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<Result> results = new ArrayList<>(started.size());
        for (CompletableFuture<Result> r : started) {
            results.add(r.join());
        }
        return results;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
