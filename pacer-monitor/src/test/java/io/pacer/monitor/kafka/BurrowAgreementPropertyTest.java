package io.pacer.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.kafka.LagHistory.Commit;
import io.pacer.monitor.kafka.LagHistory.LogEndOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * On Burrow's own kind of input — commits and an untimed broker-offset ring, nothing timed — Pacer's status is
 * Burrow's, except where {@code docs/lag-history.md} says otherwise: a window of one commit is not STALL or WARN.
 * (The idle-topic deviation needs timed log-end offsets: without them the wait is dated to the last commit.) Random
 * histories from a fixed seed, shaped to hit every rule: rewinds, stalls, zero lags, nulls, stale commits.
 */
class BurrowAgreementPropertyTest {

    @Test
    void pacerAgreesWithBurrowOnUntimedHistoriesButForTheOneCommitWindow() {
        Random random = new Random(20261129);
        int[] seen = new int[LagStatus.values().length];
        for (int run = 0; run < 20_000; run++) {
            List<Commit> commits = new ArrayList<>();
            int n = 1 + random.nextInt(10);
            long offset = random.nextInt(1000);
            long time = random.nextInt(100_000);
            for (int i = 0; i < n; i++) {
                int move = random.nextInt(10);
                offset = Math.max(0, offset + (move < 3 ? 0 : move < 4 ? -random.nextInt(300) : random.nextInt(500)));
                time += random.nextInt(4) == 0 ? 0 : random.nextInt(120_000);
                Long lag = random.nextInt(8) == 0 ? null : random.nextInt(3) == 0 ? 0L : (long) random.nextInt(2000);
                commits.add(new Commit(offset, lag, time));
            }
            List<Long> ring = new ArrayList<>();
            int ringSize = random.nextInt(6);
            for (int i = 0; i < ringSize; i++) {
                ring.add(Math.max(0, offset + random.nextInt(400) - 100));
            }
            long currentLag = random.nextInt(3) == 0 ? 0 : random.nextInt(3000);
            long allowedLag = random.nextInt(4) == 0 ? random.nextInt(100) : 0;
            long now = time + random.nextInt(4) * random.nextInt(600_000);

            LagStatus burrow = BurrowRules.status(commits, ring, currentLag, now, allowedLag);
            LagResult.Partition pacer = LagEvaluator.partition(
                    new LagHistory.Partition(
                            "t",
                            0,
                            commits,
                            ring.stream().map(LogEndOffset::untimed).toList(),
                            currentLag),
                    now,
                    allowedLag);
            seen[burrow.ordinal()]++;

            String context = "run " + run + ": " + commits + " ring " + ring + " lag " + currentLag + " now " + now
                    + " allowed " + allowedLag + ": " + pacer.reason();
            assertThat(pacer.burrowStatus()).as(context).isEqualTo(burrow);
            if (n == 1 && (burrow == LagStatus.STALL || burrow == LagStatus.WARN)) {
                assertThat(pacer.status()).as(context).isEqualTo(LagStatus.OK);
            } else {
                assertThat(pacer.status()).as(context).isEqualTo(burrow);
            }
        }
        for (LagStatus s : List.of(LagStatus.OK, LagStatus.WARN, LagStatus.STOP, LagStatus.STALL, LagStatus.REWIND)) {
            assertThat(seen[s.ordinal()]).as("histories Burrow calls " + s).isGreaterThan(100);
        }
    }
}
