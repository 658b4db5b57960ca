package io.pacer.monitor.kafka;

import io.pacer.monitor.kafka.LagHistory.Commit;
import io.pacer.monitor.kafka.LagHistory.LogEndOffset;
import io.pacer.monitor.kafka.LagHistory.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates a group's lag history: Burrow's rules, in Burrow's order, per partition; the group's status is the worst
 * partition's. A pure function of the history — {@code now} is part of it — so a recorded incident evaluates the same
 * way every time.
 *
 * <p>Pacer departs from Burrow in two places and shows Burrow's answer beside its own in each result
 * ({@link LagResult.Partition#burrowStatus()}): a partition is STOP only if the consumer has been silent for longer
 * than the window spans <em>since there was something to consume</em> — Burrow counts the silence from the last
 * commit, so a consumer that only commits when it consumes turns STOP the moment a record lands on a topic that was
 * idle for longer than the window (Burrow#38, #140, #303); and a window of one commit is too young for STALL or WARN,
 * which Burrow's rules give it vacuously. Everything else — REWIND, allowed lag, the order — is Burrow's, and Pacer
 * agrees with every row of Burrow's test table.
 */
public final class LagEvaluator {
    private LagEvaluator() {}

    /** Evaluates every partition of {@code history} at {@code history.now()}. */
    public static LagResult evaluate(LagHistory history) {
        List<LagResult.Partition> partitions = new ArrayList<>();
        LagStatus worst = LagStatus.OK;
        LagStatus burrowWorst = LagStatus.OK;
        long totalLag = 0;
        Double maxLagSeconds = null;
        for (Partition p : history.partitions()) {
            LagResult.Partition result = partition(p, history.now(), history.allowedLag());
            partitions.add(result);
            worst = worst.worse(result.status());
            burrowWorst = burrowWorst.worse(result.burrowStatus());
            totalLag += p.currentLag();
            if (result.lagSeconds() != null && (maxLagSeconds == null || result.lagSeconds() > maxLagSeconds)) {
                maxLagSeconds = result.lagSeconds();
            }
        }
        if (partitions.isEmpty()) {
            worst = LagStatus.NOTFOUND;
            burrowWorst = LagStatus.NOTFOUND;
        }
        return new LagResult(
                new LagResult.Group(history.group(), worst, burrowWorst.asBurrowGroupStatus(), totalLag, maxLagSeconds),
                partitions);
    }

    /** One partition at {@code now}. */
    static LagResult.Partition partition(Partition p, long now, long allowedLag) {
        List<Commit> commits = p.commits();
        LagStatus burrow = BurrowRules.status(commits, burrowRing(p), p.currentLag(), now, allowedLag);
        TimeLag time = TimeLag.of(p, now);
        Verdict verdict = verdict(p, now, allowedLag, time);
        Double catchUp = verdict.status == LagStatus.STOP ? null : time.catchUpSeconds();
        String reason = verdict.reason;
        if (time.lagIsLowerBound() && !reason.contains("at least")) {
            reason += "; behind for at least " + seconds(Math.round(time.lagSeconds() * 1000))
                    + " (since before the oldest log-end offset known)";
        }
        return new LagResult.Partition(
                p.topic(), p.partition(), verdict.status, time.lagSeconds(), catchUp, reason, p.currentLag(), burrow);
    }

    private record Verdict(LagStatus status, String reason) {}

    private static Verdict verdict(Partition p, long now, long allowedLag, TimeLag time) {
        List<Commit> commits = p.commits();
        if (commits.isEmpty()) {
            return new Verdict(LagStatus.OK, "no commits in the window: nothing to evaluate");
        }
        long lag = p.currentLag();
        if (lag <= allowedLag) {
            return new Verdict(
                    LagStatus.OK,
                    lag == 0 ? "caught up" : "lag " + lag + " is within the allowed lag of " + allowedLag);
        }
        Commit first = commits.get(0);
        Commit last = commits.get(commits.size() - 1);
        long span = last.timestamp() - first.timestamp();
        String waited = waited(p, time);
        if (BurrowRules.checkIfOffsetsStopped(commits, now) && !BurrowRules.checkIfRecentLagZero(commits, untimed(p))) {
            long silentSince =
                    time.behindSince() == null ? last.timestamp() : Math.max(last.timestamp(), time.behindSince());
            if (now - silentSince > span) {
                return new Verdict(
                        LagStatus.STOP,
                        "no commit for " + seconds(now - last.timestamp()) + ", longer than the window's "
                                + seconds(span) + ", while " + waited);
            }
            if (time.behindSince() != null && time.behindSince() > last.timestamp()) {
                String why = "no commit for " + seconds(now - last.timestamp()) + " (the window spans " + seconds(span)
                        + "), but the partition was caught up until " + seconds(now - time.behindSince())
                        + " ago: an idle partition, not a stopped consumer";
                return rulesAfterStop(p, allowedLag, why);
            }
        }
        return rulesAfterStop(p, allowedLag, null);
    }

    /** Rules 2, 1, 4 and 5 in Burrow's order; {@code okReason} explains an OK when given. */
    private static Verdict rulesAfterStop(Partition p, long allowedLag, String okReason) {
        List<Commit> commits = p.commits();
        int rewind = BurrowRules.checkIfOffsetsRewind(commits);
        if (rewind > 0 && !BurrowRules.checkIfRewindRecovered(commits, rewind)) {
            return new Verdict(
                    LagStatus.REWIND,
                    "the committed offset went back from "
                            + commits.get(rewind - 1).offset() + " to "
                            + commits.get(rewind).offset() + " and has not returned since");
        }
        if (commits.size() < 2) {
            // Burrow's loops hold vacuously for one commit and call it STALL; "did not move" needs two.
            return new Verdict(
                    LagStatus.OK,
                    okReason != null
                            ? okReason
                            : "lag " + p.currentLag() + ", one commit in the window so far: too early to judge"
                                    + " progress");
        }
        if (BurrowRules.isLagAlwaysNotZero(commits, allowedLag)) {
            Commit first = commits.get(0);
            Commit last = commits.get(commits.size() - 1);
            if (BurrowRules.checkIfOffsetsStalled(commits)) {
                return new Verdict(
                        LagStatus.STALL,
                        "the committed offset stayed at " + last.offset() + " through " + commits.size()
                                + " commits over " + seconds(last.timestamp() - first.timestamp()) + " while lag is "
                                + p.currentLag());
            }
            if (BurrowRules.checkIfLagNotDecreasing(commits)) {
                return new Verdict(
                        LagStatus.WARN,
                        "offsets advance but the lag never decreased in the window (" + lagRange(commits) + ")");
            }
            return new Verdict(
                    LagStatus.OK,
                    okReason != null ? okReason : "lag " + p.currentLag() + ", and it decreased in the window");
        }
        return new Verdict(
                LagStatus.OK,
                okReason != null
                        ? okReason
                        : "lag " + p.currentLag() + ", but it was within the allowed " + allowedLag
                                + " at a commit in the window");
    }

    private static String waited(Partition p, TimeLag time) {
        if (time.lagSeconds() == null) {
            return p.currentLag() + " records wait";
        }
        return p.currentLag() + " records wait, the oldest for " + (time.lagIsLowerBound() ? "at least " : "")
                + seconds(Math.round(time.lagSeconds() * 1000));
    }

    private static String lagRange(List<Commit> commits) {
        Long from = null;
        Long to = null;
        for (Commit c : commits) {
            if (c.lag() != null) {
                from = from == null ? c.lag() : from;
                to = c.lag();
            }
        }
        return from == null ? "no lag known" : "from " + from + " to " + to;
    }

    /**
     * Burrow's broker-offset ring: the untimed log-end offsets when there are any (a file can carry Burrow's ring and
     * Pacer's timed samples side by side, each tool reading its own), else every log-end offset.
     */
    private static List<Long> burrowRing(Partition p) {
        List<Long> untimed = untimed(p);
        return untimed.isEmpty()
                ? p.logEndOffsets().stream().map(LogEndOffset::offset).toList()
                : untimed;
    }

    /** The untimed log-end offsets: Pacer applies Burrow's "recent lag zero" exception to these only. */
    private static List<Long> untimed(Partition p) {
        return p.logEndOffsets().stream()
                .filter(l -> l.timestamp() == null)
                .map(LogEndOffset::offset)
                .toList();
    }

    static String seconds(long millis) {
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.3f s", millis / 1000.0).replaceAll("0+ s$", " s");
    }
}
