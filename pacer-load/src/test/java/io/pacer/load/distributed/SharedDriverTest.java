package io.pacer.load.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.Outcome;
import io.pacer.load.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class SharedDriverTest {

    /** Records the calls it gets; as a timeline, replays records 0..9 at 10 ms apart. */
    static class Recording implements Driver {
        final List<Call> calls = new ArrayList<>();
        boolean opened;

        @Override
        public void open() {
            opened = true;
        }

        @Override
        public CompletionStage<Outcome> start(Call call) {
            calls.add(call);
            return CompletableFuture.completedFuture(Outcome.ok(1));
        }

        @Override
        public String describe() {
            return "recording";
        }
    }

    static final class Replaying extends Recording implements Timeline {
        final List<Long> sent = new ArrayList<>();
        private long next;
        private long current = -1;

        @Override
        public long nextOffsetNanos() {
            if (next == 10) {
                return END;
            }
            current = next++;
            return current * 10_000_000L;
        }

        @Override
        public CompletionStage<Outcome> start(Call call) {
            sent.add(current);
            return super.start(call);
        }
    }

    @Test
    void callsGetTheWholeRunsUserNumbersAndIds() throws Exception {
        Recording driver = new Recording();
        SharedDriver shared = SharedDriver.of(driver, new Share(2, 3, 5, 2), false);
        shared.open();
        assertThat(driver.opened)
                .as("the engine's open() does not open it again")
                .isFalse();
        shared.prepare();
        assertThat(driver.opened).isTrue();

        shared.start(new Call(0, 0, 100));
        shared.start(new Call(1, 1, 200));

        assertThat(driver.calls).containsExactly(new Call(5, 2, 100), new Call(6, 5, 200));
        assertThat(shared).isNotInstanceOf(Timeline.class);
    }

    @Test
    void aReplayReplaysItsShareOfTheRecordsAtTheirRecordedTimes() {
        Replaying driver = new Replaying();
        SharedDriver shared = SharedDriver.of(driver, new Share(1, 3, 0, 1), false);
        Timeline timeline = (Timeline) shared;

        List<Long> offsets = new ArrayList<>();
        for (long offset; (offset = timeline.nextOffsetNanos()) != Timeline.END; ) {
            offsets.add(offset);
            shared.start(new Call(0, offsets.size() - 1, offset));
        }

        assertThat(driver.sent).containsExactly(1L, 4L, 7L);
        assertThat(offsets).containsExactly(10_000_000L, 40_000_000L, 70_000_000L);
    }

    @Test
    void aSplitCaptureOfTheSharesOwnIsReplayedWhole() {
        Replaying driver = new Replaying();
        SharedDriver shared = SharedDriver.of(driver, new Share(1, 3, 0, 1), true);
        Timeline timeline = (Timeline) shared;

        for (long n = 0; timeline.nextOffsetNanos() != Timeline.END; n++) {
            shared.start(new Call(0, n, 0));
        }

        assertThat(driver.sent).hasSize(10);
        assertThat(driver.calls).extracting(Call::sequence).startsWith(1L, 4L, 7L);
    }
}
