package io.pacer.load.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.IntervalStats;
import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalMergeTest {

    private static IntervalStats interval(int index, Histogram latency, double target) {
        long n = latency.getTotalCount();
        return new IntervalStats(
                index,
                index * 1000L,
                1000,
                false,
                n,
                n,
                n,
                0,
                n,
                n * 100,
                n,
                n,
                n * 100 / 1048576.0,
                target,
                n,
                1000L * index,
                Percentiles.of(latency),
                Map.of("lag", 2.0));
    }

    private static Histogram samples(SplittableRandom random, int n, int scale) {
        Histogram h = Histograms.latency();
        for (int i = 0; i < n; i++) {
            h.recordValue(1 + random.nextInt(scale));
        }
        return h;
    }

    @Test
    void aMergedIntervalsLatencyIsThatOfAllItsSamples() {
        SplittableRandom random = new SplittableRandom(15);
        Histogram all = Histograms.latency();
        IntervalMerge merge = new IntervalMerge(3);
        for (int share = 0; share < 3; share++) {
            Histogram h = samples(random, 500 + share * 300, 1000 * (share + 1));
            all.add(h);
            merge.add(share, interval(0, h, 100), h);
        }

        List<IntervalStats> merged = merge.complete();

        assertThat(merged).hasSize(1);
        IntervalStats m = merged.get(0);
        assertThat(m.latency()).isEqualTo(Percentiles.of(all));
        assertThat(m.operations()).isEqualTo(all.getTotalCount());
        assertThat(m.targetRate()).isEqualTo(300.0);
        assertThat(m.gauges()).containsEntry("lag", 6.0);
    }

    @Test
    void anIntervalWaitsForEveryShareStillRunningButNotForOnesThatEnded() {
        SplittableRandom random = new SplittableRandom(7);
        IntervalMerge merge = new IntervalMerge(2);
        Histogram a = samples(random, 10, 100);
        merge.add(0, interval(0, a, 10), a);
        merge.add(0, interval(1, a, 10), a);
        assertThat(merge.complete()).isEmpty();

        merge.add(1, interval(0, a, 10), a);
        assertThat(merge.complete()).extracting(IntervalStats::index).containsExactly(0);

        merge.settle(1); // share 1 lost: interval 1 is complete with share 0 alone
        assertThat(merge.complete()).extracting(IntervalStats::operations).containsExactly(10L);
        merge.add(0, interval(2, a, 10), a);
        merge.settle(0);
        assertThat(merge.rest()).extracting(IntervalStats::index).containsExactly(2);
    }
}
