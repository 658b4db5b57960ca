package io.pacer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine against fake drivers (no I/O) in real time. Counts that the schedule fixes are asserted exactly;
 * anything that depends on how promptly this shared 2-core machine runs our threads gets a wide tolerance.
 */
@Timeout(60)
class LoadEngineTest {

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private static Workload workload(Pacing pacing, Limit limit) {
        return Workload.of(pacing, 1, limit);
    }

    @Test
    void openModelStartsExactlyTheScheduledOperationsAtTheTargetRate() throws InterruptedException {
        FakeDriver driver = FakeDriver.instant();
        Workload w = Workload.of(Pacing.open(200), 3, Limit.duration(Duration.ofSeconds(2)));
        List<IntervalStats> seen = new ArrayList<>();
        RunResult r = LoadEngine.run(w, driver, new RunListener() {
            @Override
            public void onInterval(IntervalStats s) {
                seen.add(s);
            }
        });

        assertThat(r.counts().operations()).isEqualTo(400); // intended offsets k/200 s < 2 s
        assertThat(r.counts().ok()).isEqualTo(400);
        assertThat(r.counts().records()).isEqualTo(400);
        assertThat(r.counts().bytes()).isEqualTo(40_000);
        assertThat(r.latency().count()).isEqualTo(400);
        assertThat(r.rates().targetRate()).isBetween(199.0, 201.0);
        assertThat(r.rates().achievedRate()).as("wide: the machine is shared").isBetween(150.0, 260.0);
        assertThat(seen).isEqualTo(r.intervals());
        assertThat(seen)
                .extracting(IntervalStats::index)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, seen.size()).boxed().toList());
        assertThat(seen.stream().mapToLong(IntervalStats::operations).sum()).isEqualTo(400);
        assertThat(seen.get(0).targetRate()).isEqualTo(200);
        List<Call> calls = driver.callList();
        for (Call c : calls) {
            assertThat(c.user()).isEqualTo((int) (c.sequence() % 3));
        }
        assertThat(calls.get(10).intendedStartNanos() - calls.get(0).intendedStartNanos())
                .isEqualTo(50_000_000);
        assertThat(driver.opened).isTrue();
        assertThat(driver.closed).isTrue();
        assertThat(r.stopped()).isFalse();
        assertThat(r.settings().pacing()).isEqualTo("open");
        assertThat(r.environment().cpus()).isPositive();
        assertThat(r.environment().kafkaClientsVersion()).isNotBlank();
    }

    @Test
    void rampAndStepsShapeTheIntendedStarts() throws InterruptedException {
        // 400/s after a 1 s ramp (200 operations in the ramp), 400/s until 1.5 s, then a step down to 100/s.
        FakeDriver driver = FakeDriver.instant();
        Pacing.Open open =
                new Pacing.Open(400, Duration.ofSeconds(1), List.of(new Pacing.Step(Duration.ofMillis(1500), 100)));
        RunResult r = LoadEngine.run(
                workload(open, Limit.duration(Duration.ofMillis(2500))).withInterval(Duration.ofMillis(500)),
                driver,
                RunListener.NONE);

        List<Call> calls = driver.callList();
        long t0 = calls.get(0).intendedStartNanos();
        int[] perHalfSecond = new int[5];
        for (Call c : calls) {
            perHalfSecond[(int) ((c.intendedStartNanos() - t0) / 500_000_000)]++;
        }
        assertThat(perHalfSecond).containsExactly(50, 150, 200, 50, 50);
        assertThat(r.counts().operations()).isEqualTo(500);
        assertThat(r.intervals().get(0).targetRate()).isEqualTo(100); // mid-ramp at 0.25 s
        assertThat(r.intervals().get(3).targetRate()).isEqualTo(100);
    }

    @Test
    void closedUsersStartAgainAThinkTimeAfterTheirOperationCompleted() throws InterruptedException {
        Map<Integer, Long> completedAt = new ConcurrentHashMap<>();
        List<long[]> gaps = new ArrayList<>(); // {user, intended start - previous completion}
        FakeDriver driver = new FakeDriver(call -> {
            Long previous = completedAt.get(call.user());
            if (previous != null) {
                synchronized (gaps) {
                    gaps.add(new long[] {call.user(), call.intendedStartNanos() - previous});
                }
            }
            CompletableFuture<Outcome> f = new CompletableFuture<>();
            scheduler.schedule(
                    () -> {
                        completedAt.put(call.user(), System.nanoTime());
                        f.complete(Outcome.ok(1));
                    },
                    10,
                    TimeUnit.MILLISECONDS);
            return f;
        });
        RunResult r = LoadEngine.run(
                Workload.of(Pacing.closed(Duration.ofMillis(50)), 4, Limit.duration(Duration.ofMillis(1500))),
                driver,
                RunListener.NONE);

        assertThat(driver.maxInFlight.get()).isLessThanOrEqualTo(4);
        assertThat(gaps).hasSizeGreaterThan(20);
        // intended start = when the user became ready; the upper bound only allows for a preempted thread
        assertThat(gaps).allSatisfy(g -> assertThat(g[1]).isBetween(50_000_000L, 150_000_000L));
        assertThat(r.counts().operations()).isEqualTo(r.counts().ok()).isGreaterThan(20);
        assertThat(r.settings().thinkTimeMillis()).isEqualTo(50);
    }

    @Test
    void aThousandClosedUsersNeedNoThreadEach() throws InterruptedException {
        int threadsBefore = Thread.activeCount();
        int[] perUser = new int[1000];
        FakeDriver driver = new FakeDriver(call -> {
            synchronized (perUser) {
                perUser[call.user()]++;
            }
            return FakeDriver.later(scheduler, 5, Outcome.ok(1));
        });
        RunResult r = LoadEngine.run(
                Workload.of(Pacing.closed(Duration.ofMillis(100)), 1000, Limit.duration(Duration.ofSeconds(2))),
                driver,
                RunListener.NONE);

        assertThat(Thread.activeCount() - threadsBefore).isLessThan(10);
        assertThat(driver.maxInFlight.get()).isLessThanOrEqualTo(1000);
        synchronized (perUser) {
            assertThat(java.util.Arrays.stream(perUser).min().orElseThrow())
                    .as("every user made progress")
                    .isGreaterThanOrEqualTo(3);
        }
        assertThat(r.counts().failed()).isZero();
    }

    @Test
    void maxOutstandingBoundsOperationsInFlight() throws InterruptedException {
        FakeDriver driver = new FakeDriver(call -> FakeDriver.later(scheduler, 2, Outcome.ok(1)));
        RunResult r = LoadEngine.run(
                workload(Pacing.unlimited(), Limit.operations(2000)).withMaxOutstanding(8), driver, RunListener.NONE);

        assertThat(driver.maxInFlight.get()).isEqualTo(8);
        assertThat(r.counts().ok()).isEqualTo(2000);
    }

    @Test
    void unlimitedModeCountsEveryOperationWithoutSchedule() throws InterruptedException {
        // The benchmark-free sanity check: 300k operations as fast as possible, none lost, no target rate.
        FakeDriver driver = new FakeDriver(call -> CompletableFuture.completedFuture(Outcome.ok(3, 30)));
        RunResult r = LoadEngine.run(workload(Pacing.unlimited(), Limit.operations(300_000)), driver, RunListener.NONE);

        assertThat(r.counts()).isEqualTo(new RunResult.Counts(300_000, 300_000, 0, 0, 900_000, 9_000_000));
        assertThat(r.latency().count()).isEqualTo(300_000);
        assertThat(r.rates().targetRate()).isZero();
        assertThat(r.rates().achievedRate()).isPositive();
        assertThat(r.rates().behindSchedule()).isFalse();
        assertThat(r.statuses()).containsExactly(Map.entry("ok", 300_000L));
    }

    @Test
    void failuresAreCountedByTypeAndKeptInTheLatency() throws InterruptedException {
        FakeDriver driver = new FakeDriver(call -> switch ((int) (call.sequence() % 4)) {
            case 0 -> CompletableFuture.completedFuture(Outcome.ok(1).withLabel("GET /a"));
            case 1 -> CompletableFuture.completedFuture(Outcome.failed("503").withLabel("GET /a"));
            case 2 -> CompletableFuture.failedFuture(new CompletionException(new IllegalStateException("broken")));
            default -> throw new UnsupportedOperationException("synchronous");
        });
        RunResult r = LoadEngine.run(workload(Pacing.unlimited(), Limit.operations(400)), driver, RunListener.NONE);

        assertThat(r.counts().operations()).isEqualTo(400);
        assertThat(r.counts().ok()).isEqualTo(100);
        assertThat(r.counts().failed()).isEqualTo(300);
        assertThat(r.errors())
                .isEqualTo(Map.of("503", 100L, "IllegalStateException", 100L, "UnsupportedOperationException", 100L));
        assertThat(r.statuses()).containsEntry("ok", 100L).containsEntry("503", 100L);
        assertThat(r.latency().count()).as("failures are in the latency too").isEqualTo(400);
        RunResult.LabelSummary a = r.labels().get("GET /a");
        assertThat(a.operations()).isEqualTo(200);
        assertThat(a.statuses()).isEqualTo(Map.of("ok", 100L, "503", 100L));
        assertThat(a.latency().count()).isEqualTo(200);
        assertThat(r.labels()).hasSize(1);
    }

    @Test
    void operationsStillOutstandingAfterTheDrainTimeoutCountAsIncomplete() throws InterruptedException {
        FakeDriver driver = new FakeDriver(call ->
                call.sequence() < 90 ? CompletableFuture.completedFuture(Outcome.ok(1)) : new CompletableFuture<>());
        List<String> notices = new ArrayList<>();
        RunResult r = LoadEngine.run(
                workload(Pacing.unlimited(), Limit.operations(100)).withDrainTimeout(Duration.ofMillis(200)),
                driver,
                new RunListener() {
                    @Override
                    public void onNotice(String message) {
                        notices.add(message);
                    }
                });

        assertThat(r.counts()).isEqualTo(new RunResult.Counts(100, 90, 10, 10, 90, 90 * 1));
        assertThat(r.errors()).isEqualTo(Map.of("incomplete", 10L));
        assertThat(r.latency().count()).as("their latency is unknown").isEqualTo(90);
        assertThat(notices).anySatisfy(n -> assertThat(n).startsWith("10 operations still outstanding at the end"));
        assertThat(r.notices()).isEqualTo(notices);
    }

    @Test
    void stopEndsTheRunWithAPartialResult() throws InterruptedException {
        CountDownLatch firstInterval = new CountDownLatch(1);
        LoadRun run = LoadEngine.start(
                workload(Pacing.open(100), Limit.duration(Duration.ofSeconds(60)))
                        .withInterval(Duration.ofMillis(200)),
                FakeDriver.instant(),
                new RunListener() {
                    @Override
                    public void onInterval(IntervalStats s) {
                        firstInterval.countDown();
                    }
                });
        assertThat(firstInterval.await(10, TimeUnit.SECONDS)).isTrue();
        run.stop();
        RunResult r = run.await();

        assertThat(r.stopped()).isTrue();
        assertThat(r.counts().operations()).isPositive().isEqualTo(r.counts().ok());
        assertThat(r.rates().measuredMillis()).isLessThan(30_000);
        assertThat(r.intervals()).isNotEmpty();
    }

    @Test
    void fixedWarmupIsExcludedFromTheMeasuredFiguresAndReportedApart() throws InterruptedException {
        // Operations intended in the first half of the 1 s warm-up take 300 ms; they complete within it.
        FakeDriver driver = new FakeDriver(new java.util.function.Function<>() {
            private long t0 = -1;

            @Override
            public CompletableFuture<Outcome> apply(Call call) {
                if (t0 < 0) {
                    t0 = call.intendedStartNanos();
                }
                boolean early = call.intendedStartNanos() - t0 < 500_000_000;
                return early
                        ? FakeDriver.later(scheduler, 300, Outcome.ok(1))
                        : CompletableFuture.completedFuture(Outcome.ok(1));
            }
        });
        List<RunResult.WarmupSummary> ended = new ArrayList<>();
        Workload w = Workload.of(Pacing.open(200), 1, Limit.duration(Duration.ofSeconds(1)))
                .withWarmup(Warmup.fixed(Duration.ofSeconds(1)))
                .withInterval(Duration.ofMillis(500));
        RunResult r = LoadEngine.run(w, driver, new RunListener() {
            @Override
            public void onWarmupEnd(RunResult.WarmupSummary warmup) {
                ended.add(warmup);
            }
        });

        assertThat(ended).containsExactly(r.warmup());
        assertThat(r.warmup().ended()).isEqualTo("fixed");
        assertThat(r.warmup().durationMillis()).isEqualTo(1000);
        assertThat(r.warmup().latency().p90()).as("half the warm-up is slow").isGreaterThanOrEqualTo(300_000);
        // completion-interval attribution: a few operations at the boundary may land on either side
        assertThat(r.warmup().counts().operations()).isBetween(190L, 210L);
        assertThat(r.counts().operations()).isBetween(190L, 210L);
        assertThat(r.warmup().counts().operations() + r.counts().operations()).isEqualTo(400);
        assertThat(r.latency().p99())
                .as("generous: a shared machine may stall us tens of ms")
                .isLessThan(250_000);
        assertThat(r.intervals()).extracting(IntervalStats::warmup).startsWith(true, true, false);
        assertThat(r.notices()).contains("warm-up ended after 1.0 s (fixed)");
        assertThat(r.rates().measuredMillis()).isBetween(1000L, 5000L);
    }

    @Test
    void automaticWarmupEndsOnceTheRunIsSteady() throws InterruptedException {
        FakeDriver driver = new FakeDriver(call -> FakeDriver.later(scheduler, 20, Outcome.ok(1)));
        Workload w = Workload.of(Pacing.open(500), 1, Limit.operations(300))
                .withWarmup(Warmup.auto(Duration.ofSeconds(30)))
                .withInterval(Duration.ofMillis(300));
        RunResult r = LoadEngine.run(w, driver, RunListener.NONE);

        assertThat(r.warmup().ended()).isEqualTo("steady");
        assertThat(r.warmup().durationMillis())
                .isBetween(900L, 29_000L)
                .isEqualTo(r.intervals().stream().filter(IntervalStats::warmup).count() * 300);
        assertThat(r.notices()).anySatisfy(n -> assertThat(n).matches("warm-up ended after [0-9.]+ s \\(steady\\)"));
        // 300 started after the warm-up; counted by completion, so plus those in flight at its end (20 ms x 500/s)
        assertThat(r.counts().operations())
                .as("the limit counts from the end of the warm-up")
                .isBetween(295L, 330L);
    }

    @Test
    void recordedPacingFollowsTheTimelineScaledBySpeedUntilItEnds() throws InterruptedException {
        class Replay extends FakeDriver implements Timeline {
            private int next;

            Replay() {
                super(call -> CompletableFuture.completedFuture(Outcome.ok(1)));
            }

            @Override
            public long nextOffsetNanos() {
                return next < 20 ? 100_000_000L * next++ : END;
            }
        }
        Replay replay = new Replay();
        RunResult r = LoadEngine.run(workload(new Pacing.Recorded(2.0), Limit.none()), replay, RunListener.NONE);

        List<Call> calls = replay.callList();
        assertThat(calls).hasSize(20);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i).intendedStartNanos() - calls.get(i - 1).intendedStartNanos())
                    .isEqualTo(50_000_000);
        }
        assertThat(r.counts().ok()).isEqualTo(20);
        assertThat(r.rates().targetRate()).isCloseTo(20.0, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void recordLimitStopsOnceEnoughRecordsMoved() throws InterruptedException {
        FakeDriver driver = new FakeDriver(call -> CompletableFuture.completedFuture(Outcome.ok(10, 100)));
        RunResult r = LoadEngine.run(workload(Pacing.unlimited(), Limit.records(1000)), driver, RunListener.NONE);

        assertThat(r.counts().records()).isEqualTo(1000);
        assertThat(r.counts().operations()).isEqualTo(100);
    }

    @Test
    void rejectsCombinationsTheDriverCannotServe() {
        assertThatThrownBy(() -> LoadEngine.start(
                        workload(new Pacing.Recorded(1), Limit.operations(1)), FakeDriver.instant(), RunListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pacing.Recorded")
                .hasMessageContaining("Timeline")
                .hasMessageContaining("'fake'");
        assertThatThrownBy(() -> LoadEngine.start(
                        workload(Pacing.open(10), Limit.none()), FakeDriver.instant(), RunListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Limit.none()")
                .hasMessageContaining("give a duration, operation or record limit");
    }

    @Test
    void aDriverThatFailsToOpenIsClosedAndReported() {
        FakeDriver driver = new FakeDriver(call -> CompletableFuture.completedFuture(Outcome.ok(1))) {
            @Override
            public void open() {
                throw new IllegalStateException("no broker");
            }
        };
        assertThatThrownBy(() ->
                        LoadEngine.start(workload(Pacing.open(10), Limit.operations(1)), driver, RunListener.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'fake' failed to open")
                .hasMessageContaining("no broker");
        assertThat(driver.closed).isTrue();
    }

    @Test
    void parametersAndGaugesReachTheResult() throws InterruptedException {
        Map<String, Double> gauges = new HashMap<>(Map.of("lag", 7.0));
        FakeDriver driver = new FakeDriver(call -> CompletableFuture.completedFuture(Outcome.ok(1))) {
            @Override
            public Map<String, Double> gauges() {
                return gauges;
            }

            @Override
            public Map<String, Double> summary() {
                return Map.of("lost", 0.0);
            }
        };
        RunResult r = LoadEngine.run(
                workload(Pacing.open(100), Limit.operations(30)), driver, RunListener.NONE, Map.of("topic", "orders"));

        assertThat(r.settings().parameters()).isEqualTo(Map.of("topic", "orders"));
        assertThat(r.intervals()).allSatisfy(s -> assertThat(s.gauges()).isEqualTo(Map.of("lag", 7.0)));
        assertThat(r.driverSummary()).isEqualTo(Map.of("lost", 0.0));
        assertThat(r.driver()).isEqualTo("fake");
        assertThat(r.accounting()).as("the driver follows no record end to end").isNull();
    }

    @Test
    void theDriversRecordAccountingIsReadAfterTheLastOperationSettled() throws InterruptedException {
        FakeDriver driver = new FakeDriver(call -> FakeDriver.later(scheduler, 5, Outcome.ok(1))) {
            @Override
            public Optional<RecordAccounting> accounting() {
                long settled = calls.size() - inFlight.get();
                return Optional.of(new RecordAccounting(calls.size(), settled, calls.size() - settled, 2, 1));
            }
        };
        RunResult r = LoadEngine.run(workload(Pacing.open(100), Limit.operations(30)), driver, RunListener.NONE);

        assertThat(r.accounting()).isEqualTo(new RecordAccounting(30, 30, 0, 2, 1));
        assertThat(Verdict.of(r).failures())
                .extracting(Gate.Check::toString)
                .containsExactly("duplicated records: 2, must be 0");
    }

    @Test
    void aDriverWhoseAccountingFailsIsReportedWithoutOne() throws InterruptedException {
        FakeDriver driver = new FakeDriver(call -> CompletableFuture.completedFuture(Outcome.ok(1))) {
            @Override
            public Optional<RecordAccounting> accounting() {
                throw new IllegalStateException("ids lost track of");
            }
        };
        RunResult r = LoadEngine.run(workload(Pacing.open(100), Limit.operations(3)), driver, RunListener.NONE);

        assertThat(r.accounting()).isNull();
        assertThat(r.notices())
                .contains("driver accounting failed: java.lang.IllegalStateException: ids lost track of");
    }
}
