package io.pacer.verdict.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The required power, on seeded synthetic series ({@link SyntheticRuns#typical}: log-normal latency, 5 %
 * interval-to-interval noise, 30 measured intervals per side, 1,000 operations each), over 200 fixed seeds: a 10 %
 * slower p99 is called regressed in at least 90 % of trials, and two runs of the same distribution are called
 * regressed in at most 5 %. Every trial uses the default settings (95 % confidence, 5 % tolerance).
 */
@Timeout(300)
class ComparisonPowerTest {
    private static final int TRIALS = 200;
    private static final SyntheticRuns SHAPE = SyntheticRuns.typical(30);

    @Test
    void aTenPercentSlowerP99IsCalledRegressedInAtLeastNinetyPercentOfTrials() {
        int detected = 0;
        for (long seed = 1; seed <= TRIALS; seed++) {
            RunResult before = SHAPE.run(seed * 2, 1.0);
            RunResult after = SHAPE.run(seed * 2 + 1, 1.1);
            RunComparison comparison = Comparisons.compare(before, after, ComparisonSettings.DEFAULT_TOLERANCE);
            if (comparison.metric(Metric.P99).verdict() == ChangeVerdict.REGRESSED) {
                detected++;
            }
        }
        System.out.printf("power: a 10 %% slower p99 called regressed in %d of %d trials%n", detected, TRIALS);
        assertThat(detected).isGreaterThanOrEqualTo(TRIALS * 90 / 100);
    }

    @Test
    void twoRunsOfTheSameDistributionAreCalledRegressedInAtMostFivePercentOfTrials() {
        int p99Regressed = 0;
        int runRegressed = 0;
        for (long seed = 1; seed <= TRIALS; seed++) {
            RunResult before = SHAPE.run(1_000 + seed * 2, 1.0);
            RunResult after = SHAPE.run(1_000 + seed * 2 + 1, 1.0);
            RunComparison comparison = Comparisons.compare(before, after, ComparisonSettings.DEFAULT_TOLERANCE);
            if (comparison.metric(Metric.P99).verdict() == ChangeVerdict.REGRESSED) {
                p99Regressed++;
            }
            if (comparison.regressed()) {
                runRegressed++;
            }
        }
        System.out.printf(
                "false positives: p99 regressed in %d, some metric regressed in %d of %d trials%n",
                p99Regressed, runRegressed, TRIALS);
        assertThat(p99Regressed).isLessThanOrEqualTo(TRIALS * 5 / 100);
        assertThat(runRegressed).isLessThanOrEqualTo(TRIALS * 5 / 100);
    }
}
