package io.pacer.analysis.action;

import io.pacer.internal.Check;
import io.pacer.monitor.store.MetricStore;
import io.pacer.verdict.compare.ChangeVerdict;
import io.pacer.verdict.compare.SampleComparison;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Actions#create}: plans kept by id for the plan TTL; apply re-plans through the executor first, so a plan
 * whose befores moved is refused (and the refusal is in the history) rather than applied over someone else's change;
 * every applied plan is verified over its window and reverted automatically when the verdict is
 * {@link ChangeVerdict#REGRESSED}; auto-optimisation applies one safe plan at a time within the change budget.
 *
 * <p>What is in flight (scheduled and verifying records) is kept in memory and in the log; a new instance over the
 * same log resumes it, so a restarted service still applies what was scheduled and still judges (and if need be
 * reverts) what was applied before the restart. The change budget is rebuilt from the log the same way.
 *
 * <p>Auto-optimisation does not re-apply a request its verification reverted within the last
 * {@link #AUTO_REVERT_MEMORY}: a change that made things worse once is not retried every check.
 */
final class DefaultActions implements Actions {

    /** {@link #tick} returns at most this, so that a plan scheduled meanwhile is never applied late by more. */
    static final Duration MAX_WAIT = Duration.ofSeconds(1);

    /** How long after a failed automatic revert (the target unreachable) it is tried again. */
    static final Duration REVERT_RETRY = Duration.ofSeconds(30);

    /** How long a request auto-reverted is not auto-applied again. */
    static final Duration AUTO_REVERT_MEMORY = Duration.ofHours(24);

    /** The budget's rolling window. */
    static final Duration BUDGET_WINDOW = Duration.ofHours(1);

    /** How far back the history is read for the budget and for auto-reverted requests. */
    static final int HISTORY_SCAN = 500;

    private static final Logger LOG = LoggerFactory.getLogger(DefaultActions.class);

    private final ActionsConfig config;
    private final Map<String, ActionExecutor> executors = new TreeMap<>();
    private final ActionLog log;
    private final VerificationJudge judge;
    private final Supplier<List<ActionRequest>> safeCandidates;
    private final Map<String, Plan> plans = new HashMap<>();
    private final Map<String, ActionRecord> pending = new LinkedHashMap<>();
    private final Map<String, Instant> revertRetry = new HashMap<>();
    private final Deque<Instant> autoApplied = new ArrayDeque<>();
    private Instant nextCheck;

    DefaultActions(
            ActionsConfig config,
            List<ActionExecutor> executors,
            ActionLog log,
            MetricStore store,
            Supplier<List<ActionRequest>> safeCandidates) {
        this.config = Objects.requireNonNull(config, "config");
        this.log = Objects.requireNonNull(log, "log");
        this.judge = new VerificationJudge(Objects.requireNonNull(store, "store"), config.verifyWindow());
        this.safeCandidates = Objects.requireNonNull(safeCandidates, "safeCandidates");
        for (ActionExecutor e : executors) {
            Check.that(
                    executors.stream().filter(o -> o.kind().equals(e.kind())).count() == 1,
                    "executors",
                    "one per kind",
                    e.kind() + " twice");
            this.executors.put(e.kind(), e);
        }
        for (ActionRecord r : log.withStatus(EnumSet.of(ActionStatus.SCHEDULED, ActionStatus.VERIFYING))) {
            pending.put(r.id(), r);
        }
        log.recent(HISTORY_SCAN).stream()
                .filter(r -> AUTO_OPTIMISATION.equals(r.requestedBy()) && r.appliedAt() != null)
                .map(ActionRecord::appliedAt)
                .sorted()
                .forEach(autoApplied::addLast);
    }

    @Override
    public synchronized Plan plan(ActionRequest request, Instant now) {
        Plan plan = executor(request.kind()).plan(request, now);
        forgetExpiredPlans(now);
        plans.put(plan.id(), plan);
        return plan;
    }

    @Override
    public synchronized ActionRecord apply(String planId, String who, Instant now) {
        Plan plan = keptPlan(planId, now);
        try {
            return carryOut(newRecord(plan, who, now, now), now);
        } catch (StalePlanException e) {
            plans.remove(planId); // it can never apply now
            throw e;
        }
    }

    @Override
    public synchronized ActionRecord schedule(String planId, Instant at, String who, Instant now) {
        Plan plan = keptPlan(planId, now);
        Check.that(at != null && !at.isBefore(now), "schedule time", "now or later (" + now + ")", at);
        ActionRecord record = newRecord(plan, who, now, at);
        log.save(record);
        pending.put(record.id(), record);
        plans.remove(planId);
        return record;
    }

    @Override
    public synchronized ActionRecord revert(String actionId, String who, String reason, Instant now) {
        ActionRecord r = find(actionId).orElseThrow(() -> new NoSuchElementException("no action " + actionId));
        String why = reason == null || reason.isBlank() ? "reverted on request" : reason;
        ActionRecord done;
        switch (r.status()) {
            case SCHEDULED -> done = Records.undone(r, ActionStatus.CANCELLED, now, who, why);
            case VERIFYING, KEPT -> {
                executor(r.plan().request().kind()).revert(r.plan());
                done = Records.undone(r, ActionStatus.REVERTED, now, who, why);
            }
            default ->
                throw new IllegalStateException(
                        "action " + actionId + " is " + r.status().json()
                                + ": only an applied (verifying or kept) or a scheduled action can be reverted");
        }
        pending.remove(actionId);
        revertRetry.remove(actionId);
        log.save(done);
        return done;
    }

    @Override
    public synchronized Optional<ActionRecord> find(String actionId) {
        ActionRecord r = pending.get(actionId);
        return r != null ? Optional.of(r) : log.find(actionId);
    }

    @Override
    public List<ActionRecord> history(int limit) {
        Check.range("history limit", limit, 1, 10_000);
        return log.recent(limit);
    }

    @Override
    public synchronized Duration tick(Instant now) {
        forgetExpiredPlans(now);
        for (ActionRecord r : new ArrayList<>(pending.values())) {
            if (r.status() == ActionStatus.SCHEDULED && !now.isBefore(r.scheduledFor())) {
                try {
                    carryOut(r, now);
                } catch (RuntimeException e) {
                    LOG.warn("scheduled action {} was not applied: {}", r.id(), e.getMessage());
                }
            } else if (r.status() == ActionStatus.VERIFYING && !now.isBefore(verificationDue(r))) {
                finishVerification(r, now);
            }
        }
        if (config.autoOptimize() && (nextCheck == null || !now.isBefore(nextCheck))) {
            nextCheck = now.plus(config.checkInterval());
            autoOptimise(now);
        }
        return untilNext(now);
    }

    private Duration untilNext(Instant now) {
        Instant next = now.plus(MAX_WAIT);
        for (ActionRecord r : pending.values()) {
            Instant due = r.status() == ActionStatus.SCHEDULED ? r.scheduledFor() : verificationDue(r);
            next = due.isBefore(next) ? due : next;
        }
        if (config.autoOptimize() && nextCheck != null && nextCheck.isBefore(next)) {
            next = nextCheck;
        }
        return next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO;
    }

    private Instant verificationDue(ActionRecord r) {
        Instant retry = revertRetry.get(r.id());
        return retry != null ? retry : judge.endsAt(r);
    }

    /**
     * Applies {@code draft}'s plan now: re-plans it, refuses it when any before moved, applies, and records the
     * outcome — verifying, kept (nothing to verify it by) or failed. A failure is recorded, then thrown.
     */
    private ActionRecord carryOut(ActionRecord draft, Instant now) {
        Plan plan = draft.plan();
        try {
            ActionExecutor executor = executor(plan.request().kind());
            Plan fresh;
            try {
                fresh = executor.plan(plan.request(), now);
            } catch (IllegalArgumentException e) {
                throw new StalePlanException("the state moved since the plan of " + plan.plannedAt()
                        + " and it no longer plans: " + e.getMessage() + "; plan again");
            }
            String moved = moved(plan, fresh);
            if (moved != null) {
                throw new StalePlanException(moved);
            }
            executor.apply(plan);
        } catch (RuntimeException e) {
            ActionRecord failed = Records.failed(draft, e.getMessage() == null ? e.toString() : e.getMessage());
            pending.remove(draft.id());
            log.save(failed);
            throw e;
        }
        plans.remove(plan.id());
        ActionRecord applied;
        if (plan.verification() == null) {
            applied = Records.judged(
                    Records.applied(draft, now),
                    ActionStatus.KEPT,
                    "inconclusive",
                    "not verified: the plan names no series that shows its effect");
            pending.remove(draft.id());
        } else {
            applied = Records.applied(draft, now);
            pending.put(applied.id(), applied);
        }
        log.save(applied);
        return applied;
    }

    /** Why {@code plan} is stale against {@code fresh} (the same request planned now), or null when it is not. */
    static String moved(Plan plan, Plan fresh) {
        Map<String, Change> now = new HashMap<>();
        fresh.changes().forEach(c -> now.put(c.setting(), c));
        for (Change c : plan.changes()) {
            Change current = now.get(c.setting());
            if (current == null || !Objects.equals(current.before(), c.before())) {
                return String.format(
                        Locale.ROOT,
                        "%s was %s when planned at %s but is %s now; nothing was changed, plan again",
                        c.setting(),
                        shown(c.before()),
                        plan.plannedAt(),
                        current == null ? "no longer part of the plan" : shown(current.before()));
            }
        }
        return null;
    }

    private static String shown(String value) {
        return value == null ? "unset" : "'" + value + "'";
    }

    private void finishVerification(ActionRecord r, Instant now) {
        SampleComparison c;
        try {
            c = judge.judge(r.plan(), r.appliedAt());
        } catch (RuntimeException e) {
            LOG.warn("cannot judge action {} yet: {}", r.id(), e.getMessage());
            revertRetry.put(r.id(), now.plus(REVERT_RETRY));
            return;
        }
        String verdict = c.verdict().name().toLowerCase(Locale.ROOT);
        String detail = VerificationJudge.detail(c);
        ActionRecord done;
        if (c.verdict() == ChangeVerdict.REGRESSED) {
            try {
                executor(r.plan().request().kind()).revert(r.plan());
            } catch (RuntimeException e) {
                ActionRecord waiting = Records.revertFailed(r, verdict, detail, e.getMessage(), REVERT_RETRY);
                revertRetry.put(r.id(), now.plus(REVERT_RETRY));
                pending.put(r.id(), waiting);
                log.save(waiting);
                return;
            }
            done = Records.undone(
                    Records.judged(r, ActionStatus.REVERTED, verdict, detail),
                    ActionStatus.REVERTED,
                    now,
                    AUTO_REVERT,
                    "the verification found it worse: " + c.reason());
        } else {
            done = Records.judged(r, ActionStatus.KEPT, verdict, detail);
        }
        pending.remove(r.id());
        revertRetry.remove(r.id());
        log.save(done);
    }

    private void autoOptimise(Instant now) {
        if (pending.values().stream().anyMatch(r -> r.status() == ActionStatus.VERIFYING)) {
            return; // one at a time: a second change would blur the first one's verification
        }
        while (!autoApplied.isEmpty() && !autoApplied.peekFirst().isAfter(now.minus(BUDGET_WINDOW))) {
            autoApplied.pollFirst();
        }
        if (autoApplied.size() >= config.changesPerHour()) {
            LOG.debug("auto-optimisation: the budget of {} changes per hour is spent", config.changesPerHour());
            return;
        }
        List<ActionRequest> candidates;
        try {
            candidates = safeCandidates.get();
        } catch (RuntimeException e) {
            LOG.warn("auto-optimisation: no candidates: {}", e.toString());
            return;
        }
        Set<ActionRequest> reverted = recentlyAutoReverted(now);
        for (ActionRequest request : candidates) {
            ActionExecutor executor = executors.get(request.kind());
            if (executor == null || reverted.contains(request)) {
                continue;
            }
            Plan plan;
            try {
                plan = executor.plan(request, now);
            } catch (RuntimeException e) {
                LOG.debug("auto-optimisation: {} does not plan: {}", request, e.getMessage());
                continue;
            }
            if (!plan.safe()) {
                continue;
            }
            try {
                carryOut(newRecord(plan, AUTO_OPTIMISATION, now, now), now);
                autoApplied.addLast(now);
                return;
            } catch (RuntimeException e) {
                LOG.warn("auto-optimisation: {} failed: {}", plan.summary(), e.getMessage());
            }
        }
    }

    private Set<ActionRequest> recentlyAutoReverted(Instant now) {
        Set<ActionRequest> requests = new HashSet<>();
        for (ActionRecord r : log.recent(HISTORY_SCAN)) {
            if (AUTO_REVERT.equals(r.revertedBy())
                    && r.revertedAt() != null
                    && r.revertedAt().isAfter(now.minus(AUTO_REVERT_MEMORY))) {
                requests.add(r.plan().request());
            }
        }
        return requests;
    }

    private ActionExecutor executor(String kind) {
        ActionExecutor executor = executors.get(kind);
        if (executor == null) {
            throw new IllegalArgumentException("unknown action kind '" + kind + "'; known: "
                    + (executors.isEmpty()
                            ? "none (no executor is configured)"
                            : String.join(", ", executors.keySet())));
        }
        return executor;
    }

    private Plan keptPlan(String planId, Instant now) {
        forgetExpiredPlans(now);
        Plan plan = plans.get(planId);
        if (plan == null) {
            throw new NoSuchElementException("no plan " + planId + ": unknown, already used, or older than "
                    + config.planTtl().toMinutes() + " min (plans are kept that long); plan again");
        }
        return plan;
    }

    private void forgetExpiredPlans(Instant now) {
        plans.values().removeIf(p -> now.isAfter(p.plannedAt().plus(config.planTtl())));
    }

    private static ActionRecord newRecord(Plan plan, String who, Instant now, Instant at) {
        String id = "act-" + UUID.randomUUID();
        return new ActionRecord(
                id, plan, who, ActionStatus.SCHEDULED, now, at, null, null, null, null, null, null, null);
    }
}
