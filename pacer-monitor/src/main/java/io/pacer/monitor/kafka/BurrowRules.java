package io.pacer.monitor.kafka;

import io.pacer.monitor.kafka.LagHistory.Commit;
import java.util.List;

/**
 * Burrow's partition rules, as its caching evaluator applies them ({@code core/internal/evaluator/caching.go} of
 * linkedin/Burrow at commit ced55ba90f6b833a45a124d411fd5eef63a70933), one method per Burrow function and under its
 * name, so that the two can be read side by side. Burrow's test table is reproduced by {@code BurrowRulesTest}. The
 * only change is the unit of {@code now}: milliseconds here, where Burrow passes seconds and multiplies by 1000.
 *
 * <p>Pacer's own evaluation ({@link LagEvaluator}) uses these predicates and differs from {@link #status} only where
 * {@code docs/lag-history.md} says so.
 */
final class BurrowRules {
    private BurrowRules() {}

    /** {@code calculatePartitionStatus}: the rules in Burrow's order; OK for a partition without commits. */
    static LagStatus status(
            List<Commit> offsets, List<Long> brokerOffsets, long currentLag, long nowMillis, long allowedLag) {
        if (offsets.isEmpty()) {
            return LagStatus.OK; // evaluatePartitionStatus: "If there are no offsets, we can't do anything"
        }
        if (currentLag > allowedLag) {
            if (checkIfOffsetsStopped(offsets, nowMillis) && !checkIfRecentLagZero(offsets, brokerOffsets)) {
                return LagStatus.STOP;
            }
            int rewindIndex = checkIfOffsetsRewind(offsets);
            if (rewindIndex > 0 && !checkIfRewindRecovered(offsets, rewindIndex)) {
                return LagStatus.REWIND;
            }
            if (isLagAlwaysNotZero(offsets, allowedLag)) {
                if (checkIfOffsetsStalled(offsets)) {
                    return LagStatus.STALL;
                }
                if (checkIfLagNotDecreasing(offsets)) {
                    return LagStatus.WARN;
                }
            }
        }
        return LagStatus.OK;
    }

    /** Rule 1: false when the lag at some commit in the window was within the allowed lag. */
    static boolean isLagAlwaysNotZero(List<Commit> offsets, long allowedLag) {
        for (Commit c : offsets) {
            if (c.lag() != null && c.lag() <= allowedLag) {
                return false;
            }
        }
        return true;
    }

    /** Rule 2: the index of the first commit whose offset is below its predecessor's; -1 when there is none. */
    static int checkIfOffsetsRewind(List<Commit> offsets) {
        for (int i = 1; i < offsets.size(); i++) {
            if (offsets.get(i).offset() < offsets.get(i - 1).offset()) {
                return i;
            }
        }
        return -1;
    }

    /** Rule 2, part 2: a commit at or after the rewind reached the offset committed just before it. */
    static boolean checkIfRewindRecovered(List<Commit> offsets, int rewindIndex) {
        long previousProgress = offsets.get(rewindIndex - 1).offset();
        for (int i = rewindIndex; i < offsets.size(); i++) {
            if (offsets.get(i).offset() >= previousProgress) {
                return true;
            }
        }
        return false;
    }

    /** Rule 3: the time since the last commit exceeds the time the window spans. */
    static boolean checkIfOffsetsStopped(List<Commit> offsets, long nowMillis) {
        long first = offsets.get(0).timestamp();
        long last = offsets.get(offsets.size() - 1).timestamp();
        return nowMillis - last > last - first;
    }

    /** Rule 4: every commit in the window has the same offset. */
    static boolean checkIfOffsetsStalled(List<Commit> offsets) {
        for (int i = 1; i < offsets.size(); i++) {
            if (offsets.get(i).offset() != offsets.get(i - 1).offset()) {
                return false;
            }
        }
        return true;
    }

    /** Rule 5: the lag (where known) never decreases from one commit to the next. */
    static boolean checkIfLagNotDecreasing(List<Commit> offsets) {
        Long lastLag = null;
        for (Commit c : offsets) {
            if (c.lag() != null) {
                if (lastLag != null && c.lag() < lastLag) {
                    return false;
                }
                lastLag = c.lag();
            }
        }
        return true;
    }

    /** The exception to rule 3: some stored log-end offset is at or below the last committed offset. */
    static boolean checkIfRecentLagZero(List<Commit> offsets, List<Long> brokerOffsets) {
        long lastOffset = offsets.get(offsets.size() - 1).offset();
        for (long b : brokerOffsets) {
            if (b <= lastOffset) {
                return true;
            }
        }
        return false;
    }
}
