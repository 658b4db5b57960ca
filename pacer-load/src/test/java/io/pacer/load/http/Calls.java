package io.pacer.load.http;

import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Stands in for the load engine in driver tests: starts calls and awaits their stages, always with a timeout. */
final class Calls {

    static final long TIMEOUT_SECONDS = 60;

    private Calls() {}

    /** Starts calls 0..n-1 at once (user = sequence % users) and returns their outcomes in sequence order. */
    static List<Outcome> run(Driver driver, int n, int users) throws Exception {
        List<CompletableFuture<Outcome>> stages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stages.add(driver.start(new Call(i % users, i, System.nanoTime())).toCompletableFuture());
        }
        return awaitAll(stages);
    }

    static Outcome one(Driver driver) throws Exception {
        return run(driver, 1, 1).get(0);
    }

    static List<Outcome> awaitAll(List<CompletableFuture<Outcome>> stages) throws Exception {
        CompletableFuture.allOf(stages.toArray(new CompletableFuture<?>[0])).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<Outcome> stage : stages) {
            outcomes.add(stage.join());
        }
        return outcomes;
    }
}
