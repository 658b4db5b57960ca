package io.pacer.monitor.kafka;

import io.pacer.monitor.kafka.LagHistory.Commit;
import io.pacer.monitor.kafka.LagHistory.LogEndOffset;
import io.pacer.monitor.kafka.LagHistory.Partition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lag in time and the catch-up estimate of one partition ({@code docs/lag-history.md}, "Lag in seconds").
 *
 * <p>The log-end offset is known at instants: at each commit with a known lag ({@code offset + lag}), at each timed
 * log-end sample, and now ({@code last committed offset + currentLag}). Between two such points it is taken to grow
 * linearly. The partition has been behind since the instant that line passed the last committed offset C — the last
 * moment the consumer had read everything there was — and {@code lagSeconds = now - behindSince}. The consumer
 * cannot commit past the log end, so unless a point at or after the last commit shows the log end at C,
 * {@code behindSince} is no later than that commit.
 *
 * @param lagSeconds see {@link LagResult.Partition#lagSeconds()}
 * @param lagIsLowerBound the log-end offset passed C before the oldest point known: lagSeconds is at least this
 * @param behindSince the interpolated instant, epoch ms; null when not known (no timed point, or a lower bound)
 * @param consumeRate records per second the committed offset advanced over the window up to now; null if unknown
 * @param produceRate records per second the log-end offset advanced over the same time; null if unknown
 * @param catchUpSeconds {@code currentLag / (consumeRate - produceRate)} when positive; 0 when caught up
 */
record TimeLag(
        Double lagSeconds,
        boolean lagIsLowerBound,
        Long behindSince,
        Double consumeRate,
        Double produceRate,
        Double catchUpSeconds) {

    private record Point(long time, long logEnd) {}

    static TimeLag of(Partition p, long now) {
        Commit last = p.lastCommit();
        if (last == null) {
            return new TimeLag(null, false, null, null, null, null);
        }
        List<Point> points = points(p, last, now);
        long committed = last.offset();
        Double lagSeconds;
        boolean lowerBound = false;
        Long behindSince = null;
        if (p.currentLag() == 0) {
            lagSeconds = 0.0;
            behindSince = now;
        } else {
            int k = points.size() - 1;
            while (k >= 0 && points.get(k).logEnd() > committed) {
                k--;
            }
            if (k < 0) {
                lowerBound = true;
                lagSeconds = seconds(now - points.get(0).time());
            } else if (k == points.size() - 1) {
                behindSince = now;
                lagSeconds = 0.0;
            } else {
                Point before = points.get(k);
                Point after = points.get(k + 1);
                double fraction = (double) (committed - before.logEnd()) / (after.logEnd() - before.logEnd());
                behindSince = before.time() + Math.round(fraction * (after.time() - before.time()));
                if (before.time() < last.timestamp() || before.logEnd() != committed) {
                    // The log end was at least C when C was committed; only a point at or after that commit with the
                    // log end at C shows the consumer caught up then. Without one (the last commit's lag unknown, or
                    // inconsistent points), the wait is dated no later than the commit: Burrow's answer.
                    behindSince = Math.min(behindSince, last.timestamp());
                }
                lagSeconds = seconds(now - behindSince);
            }
        }
        Double consumeRate = null;
        Double produceRate = null;
        Double catchUp = p.currentLag() == 0 ? 0.0 : null;
        Commit start = p.commits().get(lastRewind(p.commits()));
        if (now > start.timestamp()) {
            double spanSeconds = (now - start.timestamp()) / 1000.0;
            consumeRate = (committed - start.offset()) / spanSeconds;
            long logEndNow = committed + p.currentLag();
            produceRate = Math.max(0, logEndNow - logEndAt(points, start.timestamp())) / spanSeconds;
            double gain = consumeRate - produceRate;
            if (p.currentLag() > 0 && gain > 0) {
                catchUp = round(p.currentLag() / gain);
            }
        }
        return new TimeLag(lagSeconds, lowerBound, behindSince, consumeRate, produceRate, catchUp);
    }

    /** The timed log-end points, oldest first; the last is now's. */
    private static List<Point> points(Partition p, Commit last, long now) {
        List<Point> points = new ArrayList<>();
        for (Commit c : p.commits()) {
            if (c.lag() != null) {
                points.add(new Point(c.timestamp(), c.offset() + c.lag()));
            }
        }
        for (LogEndOffset leo : p.logEndOffsets()) {
            if (leo.timestamp() != null) {
                points.add(new Point(leo.timestamp(), leo.offset()));
            }
        }
        points.sort(Comparator.comparingLong(Point::time)); // stable: now's point, added last, stays last
        points.add(new Point(now, last.offset() + p.currentLag()));
        return points;
    }

    /** The index of the first commit after the last rewind (0 when there was none): rates count from there. */
    private static int lastRewind(List<Commit> commits) {
        int start = 0;
        for (int i = 1; i < commits.size(); i++) {
            if (commits.get(i).offset() < commits.get(i - 1).offset()) {
                start = i;
            }
        }
        return start;
    }

    /** The log-end offset at {@code time}, interpolated; the oldest point's before it. */
    private static long logEndAt(List<Point> points, long time) {
        Point before = points.get(0);
        if (time <= before.time()) {
            return before.logEnd();
        }
        for (Point after : points) {
            if (after.time() >= time) {
                if (after.time() == before.time()) {
                    return after.logEnd();
                }
                double fraction = (double) (time - before.time()) / (after.time() - before.time());
                return before.logEnd() + Math.round(fraction * (after.logEnd() - before.logEnd()));
            }
            before = after;
        }
        return before.logEnd();
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }
}
