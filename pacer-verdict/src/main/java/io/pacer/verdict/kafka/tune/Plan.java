package io.pacer.verdict.kafka.tune;

import java.time.Duration;

/**
 * How a successive-halving search spends its budget: {@link #WARMUP_RUNS} discarded runs warm the client, the broker
 * and the JIT up; {@code candidates} short runs in rung 0, then each rung keeps the better half and runs it twice as
 * long, down to two; then Kafka's defaults and the winner run {@link #CONFIRM_PAIRS} times in turn, each half the
 * final length, to confirm. Every rung costs about the same, so the plan picks the most candidates whose first runs
 * are still at least {@link #PREFERRED_RUN} long (or {@link #MIN_RUN} for the smallest search), leaving {@link
 * #SLACK} of the budget for runs that take longer than estimated.
 *
 * @param candidates contenders in rung 0 (a power of two; Kafka's defaults run besides them)
 * @param rungs      rounds: candidates, candidates / 2, ..., 2
 * @param firstRun   measured length of each run in rung 0; rung r runs 2<sup>r</sup> times as long
 */
record Plan(int candidates, int rungs, Duration firstRun) {

    static final Duration MIN_RUN = Duration.ofSeconds(1);
    static final Duration PREFERRED_RUN = Duration.ofSeconds(2);
    static final int MIN_CANDIDATES = 4;
    static final int MAX_CANDIDATES = 64;
    static final double SLACK = 0.1;
    /** Candidates between two runs of Kafka's defaults. */
    static final int BLOCK = 4;
    /** Discarded runs before rung 0 (Kafka's defaults, then a compressing profile), each two first runs long. */
    static final int WARMUP_RUNS = 2;
    /** Runs of the defaults and the winner, in turn, after the search. */
    static final int CONFIRM_PAIRS = 2;

    Duration warmupRun() {
        return firstRun.multipliedBy(2);
    }

    /** Each confirmation run: half the final rung's length. */
    Duration confirmRun() {
        return runLength(rungs - 1).dividedBy(2);
    }

    Duration runLength(int rung) {
        return firstRun.multipliedBy(1L << rung);
    }

    int contenders(int rung) {
        return candidates >> rung;
    }

    /** Runs of Kafka's defaults in a rung of {@code contenders}: one before each block and one after the last. */
    static int baselineRuns(int contenders) {
        return (contenders + BLOCK - 1) / BLOCK + 1;
    }

    /**
     * The plan for {@code budget} with {@code available} candidates, when every run costs {@code overhead} besides its
     * measured length (setup, warm-up, drain).
     *
     * @throws IllegalArgumentException when even the smallest search does not fit, saying what budget would
     */
    static Plan of(Duration budget, int available, Duration overhead) {
        Plan smallest = null;
        for (int n = MAX_CANDIDATES; n >= MIN_CANDIDATES; n /= 2) {
            if (n > available) {
                continue;
            }
            Plan plan = fit(n, budget, overhead);
            if (plan != null && plan.firstRun.compareTo(PREFERRED_RUN) >= 0) {
                return plan;
            }
            smallest = plan;
        }
        if (smallest != null) {
            return smallest;
        }
        throw new IllegalArgumentException("a budget of " + budget.toSeconds() + " s is too short to compare "
                + MIN_CANDIDATES + " candidates with Kafka's defaults: give at least "
                + needed(MIN_CANDIDATES, overhead).toSeconds() + " s");
    }

    /** The longest first run that fits {@code n} candidates in the budget, or null below {@link #MIN_RUN}. */
    private static Plan fit(int n, Duration budget, Duration overhead) {
        int rungs = Integer.numberOfTrailingZeros(n);
        long spendable = (long) (budget.toNanos() * (1 - SLACK));
        long firstRun = (spendable - runs(n, rungs) * overhead.toNanos()) / units(n, rungs);
        return firstRun < MIN_RUN.toNanos() ? null : new Plan(n, rungs, Duration.ofMillis(firstRun / 1_000_000));
    }

    private static Duration needed(int n, Duration overhead) {
        int rungs = Integer.numberOfTrailingZeros(n);
        long nanos = runs(n, rungs) * overhead.toNanos() + units(n, rungs) * MIN_RUN.toNanos();
        return Duration.ofNanos((long) Math.ceil(nanos / (1 - SLACK))).plusSeconds(1);
    }

    /** Runs of the whole search, warm-up and confirmation included. */
    private static long runs(int n, int rungs) {
        long runs = WARMUP_RUNS + 2 * CONFIRM_PAIRS;
        for (int r = 0; r < rungs; r++) {
            int contenders = n >> r;
            runs += contenders + baselineRuns(contenders);
        }
        return runs;
    }

    /** Measured time of the whole search in units of the first run's length. */
    private static long units(int n, int rungs) {
        long units = 2L * WARMUP_RUNS + ((long) CONFIRM_PAIRS << (rungs - 1));
        for (int r = 0; r < rungs; r++) {
            int contenders = n >> r;
            units += (long) (contenders + baselineRuns(contenders)) << r;
        }
        return units;
    }
}
