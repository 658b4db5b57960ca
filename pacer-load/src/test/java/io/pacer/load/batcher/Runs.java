package io.pacer.load.batcher;

import io.pacer.load.Limit;
import io.pacer.load.LoadEngine;
import io.pacer.load.Pacing;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.Workload;
import java.time.Duration;

/** Runs the batcher driver through the real load engine at a fixed open-model rate. */
final class Runs {
    private Runs() {}

    static RunResult atRate(BatcherSettings settings, double rate, Duration duration) throws InterruptedException {
        return atRate(settings, rate, duration, Duration.ofSeconds(20));
    }

    static RunResult atRate(BatcherSettings settings, double rate, Duration duration, Duration drainTimeout)
            throws InterruptedException {
        Workload workload = Workload.of(Pacing.open(rate), 1, Limit.duration(duration))
                .withDrainTimeout(drainTimeout)
                .withInterval(Duration.ofMillis(250));
        return LoadEngine.run(workload, BatcherDrivers.batcher(settings), RunListener.NONE);
    }

    static double figure(RunResult result, String name) {
        Double value = result.driverSummary().get(name);
        if (value == null) {
            throw new AssertionError("no " + name + " in " + result.driverSummary());
        }
        return value;
    }
}
