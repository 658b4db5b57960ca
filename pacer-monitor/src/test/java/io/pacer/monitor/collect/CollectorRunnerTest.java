package io.pacer.monitor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.testing.Await;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runner with collectors that do no I/O: scripted to answer, fail, hang or ignore interrupts. */
class CollectorRunnerTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ConcurrentLinkedQueue<Sample> received = new ConcurrentLinkedQueue<>();

    @Test
    void samplesOfEachCollectionReachTheConsumerWithTheCollectorsOwn() {
        // intervals here are long enough that a loaded machine does not make a trivial collection time out
        Scripted ok = new Scripted("ok", Duration.ofMillis(200), now -> List.of(Sample.of("a.b", Map.of(), now, 7)));
        try (CollectorRunner runner = start(List.of(ok), Duration.ofSeconds(5))) {
            Await.until(WAIT, "three collections", () -> runner.health("ok").collections() >= 3);
            CollectorHealth health = runner.health("ok");
            assertThat(health.state()).isEqualTo(CollectorHealth.State.UP);
            assertThat(health.lastSamples()).isEqualTo(1);
            assertThat(health.lastError()).isNull();
            assertThat(health.lastAt()).isEqualTo(NOW);
        }
        assertThat(received)
                .filteredOn(s -> s.name().equals("a.b"))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(s -> assertThat(s.timestamp()).isEqualTo(NOW));
        assertThat(received).filteredOn(s -> s.name().equals("collector.up")).allSatisfy(s -> {
            assertThat(s.value()).isEqualTo(1);
            assertThat(s.labels()).containsEntry("collector", "ok");
        });
        assertThat(received).extracting(Sample::name).contains("collector.duration.seconds", "collector.samples");
    }

    @Test
    void aFailingCollectorIsDownWithItsReasonAndRecoversWhenItSucceeds() {
        AtomicBoolean failing = new AtomicBoolean(true);
        Scripted flaky = new Scripted("flaky", Duration.ofMillis(50), now -> {
            if (failing.get()) {
                throw new IOException("Connection refused");
            }
            return List.of();
        });
        try (CollectorRunner runner = start(List.of(flaky), Duration.ofSeconds(5))) {
            Await.until(WAIT, "two failures", () -> runner.health("flaky").failures() >= 2);
            assertThat(runner.health("flaky").state()).isEqualTo(CollectorHealth.State.DOWN);
            assertThat(runner.health("flaky").lastError()).isEqualTo("IOException: Connection refused");
            assertThat(received)
                    .filteredOn(s -> s.name().equals("collector.up"))
                    .extracting(Sample::value)
                    .containsOnly(0.0);
            failing.set(false);
            Await.until(WAIT, "recovery", () -> runner.health("flaky").state() == CollectorHealth.State.UP);
            assertThat(runner.health("flaky").lastError()).isNull();
        }
    }

    @Test
    void aHangingCollectorTimesOutAndCostsOnlyItself() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        Scripted hangs = new Scripted("hangs", Duration.ofMillis(300), now -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return List.of();
        });
        Scripted ok = new Scripted("ok", Duration.ofMillis(20), now -> List.of());
        try (CollectorRunner runner = start(List.of(hangs, ok), Duration.ofMillis(100))) {
            Await.until(WAIT, "two timeouts", () -> runner.health("hangs").failures() >= 2);
            CollectorHealth health = runner.health("hangs");
            assertThat(health.state()).isEqualTo(CollectorHealth.State.DOWN);
            assertThat(health.lastError()).isEqualTo("timed out after 100 ms");
            assertThat(health.lastDuration()).isEqualTo(Duration.ofMillis(100));
            Await.until(WAIT, "the interrupt reached the collection", () -> interrupted.get() >= 1);
            Await.until(WAIT, "the other collector collects on", () -> {
                CollectorHealth other = runner.health("ok");
                return other.collections() - other.failures() >= 10;
            });
        }
    }

    @Test
    void aCollectionThatIgnoresItsInterruptMakesLaterCyclesSkipNotQueue() {
        AtomicBoolean release = new AtomicBoolean();
        AtomicInteger started = new AtomicInteger();
        Scripted stuck = new Scripted("stuck", Duration.ofMillis(30), now -> {
            started.incrementAndGet();
            while (!release.get()) {
                Thread.onSpinWait(); // deaf to interrupts, as a blocking socket read without a timeout is
            }
            return List.of();
        });
        try (CollectorRunner runner = start(List.of(stuck), Duration.ofMillis(30))) {
            Await.until(WAIT, "skipped cycles", () -> runner.health("stuck").skipped() >= 3);
            assertThat(started.get()).isEqualTo(1);
            assertThat(runner.health("stuck").lastError()).isEqualTo("timed out after 30 ms");
            release.set(true);
            Await.until(WAIT, "a second collection", () -> started.get() >= 2);
        } finally {
            release.set(true);
        }
    }

    @Test
    void closeStopsCollectingAndClosesEveryCollectorOnceEvenWhenOneThrows() throws Exception {
        Scripted a = new Scripted("a", Duration.ofMillis(20), now -> List.of());
        Scripted b = new Scripted("b", Duration.ofMillis(20), now -> List.of());
        b.closeFails = true;
        CollectorRunner runner = start(List.of(a, b), Duration.ofSeconds(1));
        Await.until(WAIT, "both collected", () -> a.calls.get() > 0 && b.calls.get() > 0);
        runner.close();
        runner.close();
        int after = a.calls.get();
        assertThat(a.closed.get()).isEqualTo(1);
        assertThat(b.closed.get()).isEqualTo(1);
        Thread.sleep(100); // nothing to wait for: showing that nothing happens takes a stretch of time
        assertThat(a.calls.get()).isEqualTo(after);
    }

    @Test
    void aCollectorAddedWhileRunningCollectsAndOneRemovedStopsAndIsClosed() {
        Scripted first = new Scripted("first", Duration.ofMillis(20), now -> List.of());
        Scripted added =
                new Scripted("added", Duration.ofMillis(20), now -> List.of(Sample.of("c.d", Map.of(), now, 1)));
        try (CollectorRunner runner = start(List.of(first), Duration.ofSeconds(1))) {
            runner.add(added);
            assertThatThrownBy(() -> runner.add(new Scripted("added", Duration.ofMillis(20), now -> List.of())))
                    .hasMessage("collector name must be not running already, but was 'added'");
            Await.until(
                    WAIT,
                    "the added collector collected",
                    () -> runner.health("added").collections() >= 2);
            assertThat(runner.collectors()).extracting(Collector::name).containsExactly("first", "added");

            assertThat(runner.remove("added")).isTrue();
            assertThat(runner.remove("added")).isFalse();
            assertThat(added.closed.get()).isEqualTo(1);
            assertThat(runner.collectors()).extracting(Collector::name).containsExactly("first");
            int after = added.calls.get();
            int firstBefore = first.calls.get();
            Await.until(WAIT, "the remaining collector still collecting", () -> first.calls.get() > firstBefore + 2);
            assertThat(added.calls.get()).isEqualTo(after);
        }
        assertThat(added.closed.get()).as("closed once only").isEqualTo(1);
        assertThat(received).extracting(Sample::name).contains("c.d");
    }

    @Test
    void namesMustBeDistinctAndIntervalsPositive() {
        Scripted one = new Scripted("x", Duration.ofSeconds(1), now -> List.of());
        Scripted two = new Scripted("x", Duration.ofSeconds(1), now -> List.of());
        assertThatThrownBy(() -> CollectorRunner.start(List.of(one, two), received::addAll))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("collector names must not repeat, but were [x, x]");
        Scripted zero = new Scripted("z", Duration.ZERO, now -> List.of());
        assertThatThrownBy(() -> CollectorRunner.start(List.of(zero), received::addAll))
                .hasMessage("interval of collector z must be > 0, but was PT0S");
        try (CollectorRunner empty = CollectorRunner.start(List.of(), received::addAll)) {
            assertThatThrownBy(() -> empty.health("nope"))
                    .hasMessage("collector name must be one of [], but was 'nope'");
        }
    }

    @Test
    void aFailingConsumerDoesNotMarkTheCollectorDown() {
        Scripted ok = new Scripted("ok", Duration.ofMillis(200), now -> List.of());
        try (CollectorRunner runner = CollectorRunner.start(
                List.of(ok),
                samples -> {
                    throw new IllegalStateException("store full");
                },
                Duration.ofSeconds(1),
                CLOCK)) {
            Await.until(
                    WAIT,
                    "two collections, the latest up",
                    () -> runner.health("ok").collections() >= 2
                            && runner.health("ok").state() == CollectorHealth.State.UP);
        }
    }

    private CollectorRunner start(List<Collector> collectors, Duration timeout) {
        return CollectorRunner.start(collectors, received::addAll, timeout, CLOCK);
    }

    interface Body {
        List<Sample> collect(Instant now) throws Exception;
    }

    static final class Scripted implements Collector {
        final String name;
        final Duration interval;
        final Body body;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        volatile boolean closeFails;

        Scripted(String name, Duration interval, Body body) {
            this.name = name;
            this.interval = interval;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Duration interval() {
            return interval;
        }

        @Override
        public List<Sample> collect(Instant now) throws Exception {
            calls.incrementAndGet();
            return body.collect(now);
        }

        @Override
        public void close() throws IOException {
            closed.incrementAndGet();
            if (closeFails) {
                throw new IOException("close failed");
            }
        }
    }
}
