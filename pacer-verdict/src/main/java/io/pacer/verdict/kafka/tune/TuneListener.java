package io.pacer.verdict.kafka.tune;

import io.pacer.load.IntervalStats;
import java.time.Duration;
import java.util.List;

/** Follows a tune run: the command line draws its progress bar from these calls. All on the tuner's thread. */
public interface TuneListener {

    /** Does nothing. */
    TuneListener NONE = new TuneListener() {};

    /** The search's plan: how many candidates in the first rung, how many rungs, the first runs' length. */
    default void onPlan(int candidates, int rungs, Duration firstRun) {}

    /**
     * A run starts: {@code phase} is {@code warm-up}, {@code rung 2/4} or {@code confirmation 1/2}; {@code elapsed}
     * since the tune run began.
     */
    default void onTrialStart(String candidate, String phase, Duration length, Duration elapsed) {}

    /** An interval of the run going on (every 250 ms on a cluster), for a live display. */
    default void onInterval(IntervalStats stats) {}

    /** A run of the search ended (warm-up and confirmation runs are not reported here). */
    default void onTrial(Trial trial, Duration elapsed) {}

    /** A rung ended; {@code kept} go on to the next, longer runs. */
    default void onRungEnd(int rung, List<String> kept) {}

    /** Something the user should know (the search was cut short by the budget, say). */
    default void onNotice(String message) {}
}
