package io.pacer.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The truth tests: a one-second stall during a 1,000 ops/s run must show in the reported p99, because latency
 * counts from each operation's intended start. Each test also measures, inside its driver, the latency a tool
 * measuring from the actual send would report, and shows it hides the stall — so these tests fail if the engine
 * measured from the actual start.
 */
@Timeout(60)
class CoordinatedOmissionTest {

    private static final long STALL_AT_NANOS = 2_000_000_000L;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    /** Latency from the moment Driver.start was called, µs: what Kafka's ProducerPerformance would report. */
    private final Recorder fromActualSend = new Recorder(3);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private static Workload fiveSecondsAt1000() {
        return Workload.of(Pacing.open(1000), 1, Limit.duration(Duration.ofSeconds(5)));
    }

    @Test
    void aSinkThatStallsOnceShowsInTheP99() throws InterruptedException {
        // Completions normally take 1 ms; from 2 s into the run every completion waits until the stall is over.
        // maxOutstanding 20 makes the stall hold the generator back too, as a bounded client would.
        long[] stallEnds = {0}; // 0: not yet stalled
        long[] first = {Long.MIN_VALUE};
        FakeDriver driver = new FakeDriver(call -> {
            long sent = System.nanoTime();
            if (first[0] == Long.MIN_VALUE) {
                first[0] = call.intendedStartNanos();
            }
            if (stallEnds[0] == 0 && call.intendedStartNanos() - first[0] >= STALL_AT_NANOS) {
                stallEnds[0] = sent + 1_000_000_000L;
            }
            long delay = stallEnds[0] == 0 ? 1_000_000 : Math.max(1_000_000, stallEnds[0] - sent);
            CompletableFuture<Outcome> f = new CompletableFuture<>();
            scheduler.schedule(
                    () -> {
                        fromActualSend.recordValue((System.nanoTime() - sent) / 1000);
                        f.complete(Outcome.ok(1));
                    },
                    delay,
                    TimeUnit.NANOSECONDS);
            return f;
        });
        RunResult r = LoadEngine.run(fiveSecondsAt1000().withMaxOutstanding(20), driver, RunListener.NONE);

        assertThat(r.counts().operations()).isEqualTo(5000);
        assertThat(r.latency().p99()).as("reported p99, µs").isGreaterThanOrEqualTo(500_000);
        // Only the 20 operations in flight when the stall began saw it from their actual send. The bound is loose
        // because the catch-up burst runs through one scheduler thread on a shared machine (seen: 61 ms).
        assertThat(fromActualSend.getIntervalHistogram().getValueAtPercentile(99))
                .as("p99 measured from the actual send hides the stall, µs")
                .isLessThan(200_000);
        assertThat(r.rates().behindSchedule()).isTrue();
    }

    @Test
    void aGeneratorThatBlocksOnceShowsInTheP99AndSaysItFellBehind() throws InterruptedException {
        // start() itself blocks for 1 s once (a full buffer, a GC pause): the coordinated-omission case.
        long[] first = {Long.MIN_VALUE};
        boolean[] blocked = {false};
        FakeDriver driver = new FakeDriver(call -> {
            long sent = System.nanoTime();
            if (first[0] == Long.MIN_VALUE) {
                first[0] = call.intendedStartNanos();
            }
            if (!blocked[0] && call.intendedStartNanos() - first[0] >= STALL_AT_NANOS) {
                blocked[0] = true;
                sleepUninterruptibly(1000); // the behaviour under test, not a wait for something to happen
            }
            fromActualSend.recordValue((System.nanoTime() - sent) / 1000);
            return CompletableFuture.completedFuture(Outcome.ok(1));
        });
        RunResult r = LoadEngine.run(fiveSecondsAt1000(), driver, RunListener.NONE);

        assertThat(r.counts().operations()).as("no iteration dropped").isEqualTo(5000);
        assertThat(r.latency().p99()).as("reported p99, µs").isGreaterThanOrEqualTo(500_000);
        assertThat(fromActualSend.getIntervalHistogram().getValueAtPercentile(99))
                .as("p99 measured from the actual send hides the stall, µs")
                .isLessThan(50_000);
        assertThat(r.rates().behindSchedule()).isTrue();
        assertThat(r.rates().maxScheduleLagMicros()).isGreaterThanOrEqualTo(900_000);
        assertThat(r.notices()).anySatisfy(n -> assertThat(n).startsWith("generator behind schedule: target 1000/s"));
        assertThat(r.intervals())
                .anySatisfy(s -> assertThat(s.maxScheduleLagMicros()).isGreaterThanOrEqualTo(900_000));
    }

    private static void sleepUninterruptibly(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
