package io.pacer.load.distributed;

import io.pacer.internal.Check;
import io.pacer.load.Limit;
import io.pacer.load.Pacing;
import io.pacer.load.Slice;
import io.pacer.load.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One worker's part of a distributed run: an equal fraction of the rate and of any operation or record count,
 * users {@code userFrom .. userFrom + users - 1} of the whole run, and the ids of {@link #slice()} — so user numbers
 * and ids never collide across workers and end-to-end accounting stays exact. Durations, warm-up, ramp-up and step
 * times are the whole run's: every worker starts at the same instant and covers the same intervals.
 *
 * @param index    0-based, below {@code count}
 * @param count    how many workers share the run
 * @param userFrom the first of this share's users, numbered as in the whole run
 * @param users    this share's users, &ge; 1
 */
public record Share(int index, int count, int userFrom, int users) {

    public Share {
        Check.atLeast("count", count, 1);
        Check.range("index", index, 0, count - 1);
        Check.atLeast("userFrom", userFrom, 0);
        Check.atLeast("users", users, 1);
    }

    /**
     * {@code whole} cut into {@code count} equal shares.
     *
     * @throws IllegalArgumentException when the workload cannot be shared that many ways: fewer closed-model users,
     *     or a smaller operation or record count, than workers
     */
    public static List<Share> split(Workload whole, int count) {
        Check.atLeast("workers", count, 1);
        int users = whole.users();
        if (whole.pacing() instanceof Pacing.Closed && users < count) {
            throw new IllegalArgumentException("--users " + users + " is fewer than the " + count + " workers: in the"
                    + " closed model each worker needs a user of its own; give --users " + count + " or more");
        }
        checkCount("--count", Math.max(whole.limit().operations(), whole.limit().records()), count);
        List<Share> shares = new ArrayList<>(count);
        int from = 0;
        for (int i = 0; i < count; i++) {
            int mine = (int) part(users, i, count);
            if (mine == 0) { // open model, fewer users than workers: users only name who issues what
                shares.add(new Share(i, count, i % users, 1));
            } else {
                shares.add(new Share(i, count, from, mine));
                from += mine;
            }
        }
        return shares;
    }

    /** The ids this share issues and accounts for. */
    public Slice slice() {
        return new Slice(index, count);
    }

    /** This share of {@code whole}: the same run, with its rate, counts, users and outstanding bound divided. */
    public Workload apply(Workload whole) {
        Limit limit = whole.limit();
        Limit mine = new Limit(
                limit.duration(), part(limit.operations(), index, count), part(limit.records(), index, count));
        int outstanding = Math.max(users, (whole.maxOutstanding() + count - 1) / count);
        return new Workload(
                pacing(whole.pacing()),
                users,
                mine,
                whole.warmup(),
                outstanding,
                whole.drainTimeout(),
                whole.interval());
    }

    /** The highest rate this share's schedule asks for, operations per second; 0 without a schedule. */
    public double peakRate(Workload whole) {
        if (whole.pacing() instanceof Pacing.Open open) {
            double peak = open.ratePerSecond();
            for (Pacing.Step step : open.steps()) {
                peak = Math.max(peak, step.ratePerSecond());
            }
            return peak / count;
        }
        return 0;
    }

    /** Which share this is: {@code 2/3}. */
    public String name() {
        return (index + 1) + "/" + count;
    }

    /** What this share is, for people: {@code 2/3: 100 ops/s, users 1–1, ids ≡ 1 mod 3}. */
    public String describe(Workload whole) {
        return name() + ": " + terms(whole);
    }

    /** This share's rate, users and ids: {@code 100 ops/s, users 1–1, ids ≡ 1 mod 3}. */
    public String terms(Workload whole) {
        double rate = peakRate(whole);
        String pace = rate > 0
                ? String.format(Locale.ROOT, rate == Math.rint(rate) ? "%.0f ops/s" : "%.2f ops/s", rate)
                : whole.pacing() instanceof Pacing.Closed ? "closed model" : "no rate";
        return pace + ", users " + userFrom + "–" + (userFrom + users - 1) + ", " + slice();
    }

    private Pacing pacing(Pacing whole) {
        if (whole instanceof Pacing.Open open) {
            List<Pacing.Step> steps = open.steps().stream()
                    .map(s -> new Pacing.Step(s.at(), s.ratePerSecond() / count))
                    .toList();
            return new Pacing.Open(open.ratePerSecond() / count, open.rampUp(), steps);
        }
        return whole; // closed: users divided; unlimited and recorded: each as fast or as timed as the whole
    }

    /** Share {@code i} of {@code n} items dealt to {@code count}: the first {@code n % count} get one more. */
    private static long part(long n, int i, int count) {
        return n / count + (i < n % count ? 1 : 0);
    }

    private static void checkCount(String option, long n, int count) {
        if (n > 0 && n < count) {
            throw new IllegalArgumentException(
                    option + " " + n + " is less than the " + count + " workers: each needs at least one");
        }
    }
}
