package io.pacer.analysis.action;

import io.pacer.monitor.store.MetricStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The service's actions: plans kept until applied, applies now or later, verification, automatic rollback,
 * auto-optimisation and the history. What {@code /api/optimization/*} and {@code pacer act} drive. Thread-safe.
 *
 * <p>Time comes in as {@code now}: {@link #tick} does everything that is due (scheduled applies, verification windows
 * that ended, auto-optimisation's checks) and returns how long until the next thing is due.
 */
public interface Actions {

    /** Who auto-optimisation's actions are requested by, in the history. */
    String AUTO_OPTIMISATION = "auto-optimisation";

    /** Who undid an action its verification found worse, in the history. */
    String AUTO_REVERT = "auto-revert";

    /**
     * Plans {@code request} (a dry run) and keeps the plan so it can be applied by its id.
     *
     * @throws IllegalArgumentException for an unknown kind (naming the known ones) or bad parameters
     * @throws IllegalStateException when the target cannot be reached
     */
    Plan plan(ActionRequest request, Instant now);

    /**
     * Applies the kept plan {@code planId} now and starts its verification window.
     *
     * @throws java.util.NoSuchElementException for an unknown or expired plan id
     * @throws StalePlanException when the state moved since the plan (nothing changed; the history records it)
     */
    ActionRecord apply(String planId, String who, Instant now);

    /**
     * Keeps the plan {@code planId} to apply at {@code at}; when that comes, apply re-checks the state and refuses a
     * stale plan as {@link #apply} does.
     */
    ActionRecord schedule(String planId, Instant at, String who, Instant now);

    /**
     * Undoes an applied action (or cancels a scheduled one).
     *
     * @throws java.util.NoSuchElementException for an unknown id
     * @throws IllegalStateException when it is neither applied nor scheduled
     */
    ActionRecord revert(String actionId, String who, String reason, Instant now);

    /** One action by id. */
    Optional<ActionRecord> find(String actionId);

    /** The history, newest first, at most {@code limit} entries. */
    List<ActionRecord> history(int limit);

    /** Runs what is due at {@code now}; returns how long until the next thing is due. */
    Duration tick(Instant now);

    /**
     * The service's actions.
     *
     * @param config auto-optimisation and timing
     * @param executors one per kind
     * @param log where records are kept
     * @param store the history verification reads the plan's series from
     * @param safeCandidates what auto-optimisation may apply: the current recommendations' action requests
     */
    static Actions create(
            ActionsConfig config,
            List<ActionExecutor> executors,
            ActionLog log,
            MetricStore store,
            Supplier<List<ActionRequest>> safeCandidates) {
        return new DefaultActions(config, executors, log, store, safeCandidates);
    }
}
