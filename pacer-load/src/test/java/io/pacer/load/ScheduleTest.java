package io.pacer.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One schedule per pacing variant, and the measured span the pacing loop returns. */
class ScheduleTest {

    private static final long MS = 1_000_000;

    @Test
    void eachPacingVariantHasItsOwnSchedule() {
        assertThat(Schedule.of(Pacing.open(10))).isInstanceOf(OpenSchedule.class);
        assertThat(Schedule.of(new Pacing.Recorded(2))).isInstanceOf(Schedule.Recorded.class);
        assertThat(Schedule.of(Pacing.unlimited())).isInstanceOf(Schedule.Unlimited.class);
        assertThat(Schedule.of(Pacing.closed(Duration.ZERO))).isInstanceOf(Schedule.Closed.class);
        assertThat(Schedule.of(Pacing.open(10)).hasTargetRate()).isTrue();
        assertThat(Schedule.of(new Pacing.Recorded(2)).hasTargetRate()).isTrue();
        assertThat(Schedule.of(Pacing.unlimited()).hasTargetRate()).isFalse();
        assertThat(Schedule.of(Pacing.closed(Duration.ZERO)).hasTargetRate()).isFalse();
    }

    @Test
    void recordedTimingIsTheTimelineDividedBySpeed() {
        Schedule.Timed recorded = (Schedule.Timed) Schedule.of(new Pacing.Recorded(2));
        assertThat(recorded.next(1_000 * MS, Schedule.UNKNOWN, 5 * MS)).isEqualTo(500 * MS);
        assertThat(recorded.paced()).isTrue();
        assertThat(recorded.rateAt(0, Schedule.UNKNOWN)).isZero();
    }

    @Test
    void unlimitedIsDueNowAndNotPaced() {
        Schedule.Timed unlimited = (Schedule.Timed) Schedule.of(Pacing.unlimited());
        assertThat(unlimited.next(0, Schedule.UNKNOWN, 42 * MS)).isEqualTo(42 * MS);
        assertThat(unlimited.paced()).isFalse();
    }

    @Test
    void closedUsersAreReadyAThinkTimeAfterTheirOperationCompleted() {
        Schedule.Closed closed = (Schedule.Closed) Schedule.of(Pacing.closed(Duration.ofMillis(100)));
        closed.begin(2, 0);
        assertThat(closed.peek()).isEqualTo(new Schedule.Closed.Ready(0, 0));
        closed.take();
        assertThat(closed.peek()).isEqualTo(new Schedule.Closed.Ready(1, 0));
        closed.take();
        assertThat(closed.peek()).as("both users busy").isNull();
        closed.returned(1, 30 * MS);
        closed.returned(0, 10 * MS);
        assertThat(closed.hasReturned()).isTrue();
        assertThat(closed.peek()).isEqualTo(new Schedule.Closed.Ready(0, 110 * MS));
        assertThat(closed.hasReturned()).isFalse();
    }

    @Test
    void theMeasuredSpanGivesTargetAndAchievedRates() {
        // Operations 10..20 intended 10 ms apart (100/s), issued over 200 ms (50/s).
        MeasuredSpan span = new MeasuredSpan(10, 20, 1_000 * MS, 1_100 * MS, 1_000 * MS, 1_200 * MS);
        assertThat(span.intendedRate()).isEqualTo(100.0);
        assertThat(span.issueRate()).isEqualTo(50.0);
        MeasuredSpan none = new MeasuredSpan(-1, 99, 0, 5 * MS, 0, 5 * MS);
        assertThat(none.intendedRate()).isZero();
        assertThat(none.issueRate()).isZero();
        MeasuredSpan one = new MeasuredSpan(7, 7, MS, MS, MS, 2 * MS);
        assertThat(one.issueRate()).as("one operation has no gaps").isZero();
    }
}
