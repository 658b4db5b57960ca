package io.pacer.load.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.load.Limit;
import io.pacer.load.Pacing;
import io.pacer.load.Slice;
import io.pacer.load.Warmup;
import io.pacer.load.Workload;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShareTest {

    private static Workload workload(Pacing pacing, int users, Limit limit) {
        return new Workload(
                pacing,
                users,
                limit,
                Warmup.fixed(Duration.ofSeconds(2)),
                1000,
                Duration.ofSeconds(5),
                Duration.ofSeconds(1));
    }

    @Test
    void theRateAndItsStepsAreDividedEquallyTimesStayTheWholeRuns() {
        Workload whole = workload(
                new Pacing.Open(300, Duration.ofSeconds(10), List.of(new Pacing.Step(Duration.ofSeconds(30), 600))),
                1,
                Limit.duration(Duration.ofMinutes(1)));

        for (Share share : Share.split(whole, 3)) {
            Workload mine = share.apply(whole);
            Pacing.Open open = (Pacing.Open) mine.pacing();
            assertThat(open.ratePerSecond()).isEqualTo(100.0);
            assertThat(open.rampUp()).isEqualTo(Duration.ofSeconds(10));
            assertThat(open.steps()).containsExactly(new Pacing.Step(Duration.ofSeconds(30), 200));
            assertThat(mine.limit()).isEqualTo(whole.limit());
            assertThat(mine.warmup()).isEqualTo(whole.warmup());
            assertThat(mine.interval()).isEqualTo(whole.interval());
            assertThat(mine.maxOutstanding()).isEqualTo(334);
            assertThat(share.peakRate(whole)).isEqualTo(200.0);
        }
    }

    @Test
    void usersAndCountsAreDealtSoTheyAddUpExactly() {
        Workload whole = workload(Pacing.closed(Duration.ZERO), 7, Limit.operations(10));

        List<Share> shares = Share.split(whole, 3);

        assertThat(shares).extracting(Share::userFrom).containsExactly(0, 3, 5);
        assertThat(shares).extracting(Share::users).containsExactly(3, 2, 2);
        assertThat(shares.stream().map(s -> s.apply(whole).limit().operations()))
                .containsExactly(4L, 3L, 3L);
        assertThat(shares.stream().map(s -> s.apply(whole).users())).containsExactly(3, 2, 2);
    }

    @Test
    void anOpenModelWithFewerUsersThanWorkersGivesEachOneOfThem() {
        Workload whole = workload(Pacing.open(90), 2, Limit.records(90));

        List<Share> shares = Share.split(whole, 3);

        assertThat(shares).extracting(Share::userFrom).containsExactly(0, 1, 0);
        assertThat(shares).extracting(Share::users).containsExactly(1, 1, 1);
        assertThat(shares.stream().map(s -> s.apply(whole).limit().records())).containsExactly(30L, 30L, 30L);
    }

    @Test
    void whatCannotBeSharedIsRefusedSayingWhy() {
        assertThatThrownBy(() -> Share.split(workload(Pacing.closed(Duration.ZERO), 2, Limit.operations(9)), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--users 2 is fewer than the 3 workers");
        assertThatThrownBy(() -> Share.split(workload(Pacing.open(10), 1, Limit.operations(2)), 3))
                .hasMessageContaining("--count 2 is less than the 3 workers");
    }

    @Test
    void slicesNumberIdsUniquelyAndEveryIdHasOneOwner() {
        Set<Long> ids = new HashSet<>();
        int count = 4;
        for (int index = 0; index < count; index++) {
            Slice slice = new Slice(index, count);
            for (long sequence = 0; sequence < 250; sequence++) {
                long id = slice.id(sequence);
                assertThat(ids.add(id)).as("id %d issued once", id).isTrue();
                assertThat(slice.owns(id)).isTrue();
            }
        }
        assertThat(ids).hasSize(1000).allMatch(id -> id >= 0 && id < 1000);
        for (long id = -3; id < 50; id++) {
            long owners = 0;
            for (int index = 0; index < count; index++) {
                owners += new Slice(index, count).owns(id) ? 1 : 0;
            }
            assertThat(owners).as("owners of %d", id).isEqualTo(1);
        }
        assertThat(new Slice(0, count).owns(-1)).isTrue();
        assertThat(Slice.WHOLE.id(41)).isEqualTo(41);
    }

    @Test
    void describesItselfForPeople() {
        Workload whole = workload(Pacing.open(100), 3, Limit.duration(Duration.ofSeconds(10)));

        assertThat(Share.split(whole, 3).get(1).describe(whole))
                .isEqualTo("2/3: 33.33 ops/s, users 1–1, ids ≡ 1 mod 3");
    }
}
