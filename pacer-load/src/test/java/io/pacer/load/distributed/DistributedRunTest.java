package io.pacer.load.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.Limit;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Outcome;
import io.pacer.load.Pacing;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.load.Verdict;
import io.pacer.load.Workload;
import io.pacer.testing.Await;
import io.pacer.testing.KafkaExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Coordinator and workers in one process, over the embedded broker: the protocol without the CLI. */
@ExtendWith(KafkaExtension.class)
class DistributedRunTest {
    private static final String VERSION = "1.0-test";

    private final List<Worker> started = new ArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** Runs {@code [rate, seconds]} as an open workload against a driver that completes at once. */
    private final Launcher launcher = (command, share) -> {
        if (command.get(0).equals("fail")) {
            throw new IllegalArgumentException("no such command: fail");
        }
        Workload whole = Workload.of(
                Pacing.open(Double.parseDouble(command.get(0))),
                1,
                Limit.duration(Duration.ofMillis(Long.parseLong(command.get(1)))));
        Driver driver = new Driver() {
            @Override
            public CompletionStage<Outcome> start(Call call) {
                calls.add(call);
                return CompletableFuture.completedFuture(Outcome.ok(10));
            }

            @Override
            public String describe() {
                return "instant";
            }
        };
        return new Launcher.Job(whole, driver, Map.of("command", "instant"), () -> {});
    };

    @AfterEach
    void stopWorkers() {
        started.forEach(Worker::close);
    }

    private ControlSettings control(String topic) {
        return new ControlSettings(kafka.bootstrapServers(), topic);
    }

    private EmbeddedKafka kafka;

    private void workers(EmbeddedKafka broker, String topic, String version, String... names) {
        kafka = broker;
        for (String name : names) {
            started.add(Distributed.startWorker(
                    new WorkerSettings(control(topic), name, 0, Duration.ofMillis(200), version, Duration.ofSeconds(2)),
                    launcher,
                    line -> {},
                    "test-host"));
        }
        Await.until(
                Duration.ofSeconds(30),
                "workers heartbeating",
                () -> Distributed.liveWorkers(control(topic), Duration.ofSeconds(1))
                                .size()
                        == names.length);
    }

    private DistributedRun run(String topic, int workers, List<String> command, Workload whole) {
        CoordinatorSettings settings = CoordinatorSettings.of(control(topic), workers, VERSION)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(2));
        return Distributed.coordinate(settings, command, whole, Map.of("command", "instant"), RunListener.NONE);
    }

    @Test
    void twoWorkersShareTheRunAndTheirResultsMergeIntoOne(EmbeddedKafka broker) throws Exception {
        workers(broker, "dist-ok.control", VERSION, "a", "b");
        Workload whole = Workload.of(Pacing.open(200), 1, Limit.duration(Duration.ofMillis(1500)));

        RunResult result =
                run("dist-ok.control", 2, List.of("200", "1500"), whole).await();

        RunResult.Distribution d = result.distribution();
        assertThat(d.shares()).extracting(RunResult.Share::worker).containsExactly("a", "b");
        assertThat(d.shares()).allSatisfy(s -> assertThat(s.state()).isEqualTo("done"));
        assertThat(result.counts().operations())
                .isEqualTo(d.shares().stream()
                        .mapToLong(s -> s.counts().operations())
                        .sum())
                .isEqualTo(calls.size());
        assertThat(calls).extracting(Call::sequence).doesNotHaveDuplicates();
        assertThat(result.settings().ratePerSecond()).isEqualTo(200.0);
        assertThat(result.settings().parameters()).containsEntry("workers", "2").containsEntry("run_id", d.runId());
        assertThat(result.partial()).isFalse();
        assertThat(Verdict.of(result).passed()).isTrue();
        assertThat(result.intervals().stream().mapToLong(i -> i.operations()).sum())
                .as("the exactly merged intervals add up to the total")
                .isEqualTo(result.counts().operations());

        RunResult read = RunResults.read(
                new ByteArrayInputStream(RunResults.toJson(result).getBytes(StandardCharsets.UTF_8)));
        assertThat(read.distribution()).isEqualTo(d);
        RunResult local = result;
        assertThat(RunResults.toJson(new RunResult(
                        local.schema(),
                        local.toolVersion(),
                        local.driver(),
                        local.settings(),
                        local.environment(),
                        local.warmup(),
                        local.intervals(),
                        local.latency(),
                        local.histogram(),
                        local.labels(),
                        local.counts(),
                        local.errors(),
                        local.statuses(),
                        local.rates(),
                        local.accounting(),
                        local.driverSummary(),
                        local.stopped(),
                        local.notices())))
                .as("a run of one process has no distribution field")
                .doesNotContain("\"distribution\"");
    }

    @Test
    void aWorkerThatLeavesMidRunLeavesItsShareMissingAndTheRunFails(EmbeddedKafka broker) throws Exception {
        workers(broker, "dist-leave.control", VERSION, "a", "b");
        Workload whole = Workload.of(Pacing.open(100), 1, Limit.duration(Duration.ofSeconds(4)));

        DistributedRun run = run("dist-leave.control", 2, List.of("100", "4000"), whole);
        Await.until(Duration.ofSeconds(20), "the run going", () -> calls.size() > 50);
        started.remove(1).close();
        RunResult result = run.await();

        RunResult.Share b = result.distribution().shares().get(1);
        assertThat(b.state()).isEqualTo("interrupted");
        assertThat(b.missing()).contains("worker b").contains("the rest of its share 2/2");
        assertThat(result.partial()).isTrue();
        Verdict verdict = Verdict.of(result);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failures()).extracting(c -> c.gate()).containsExactly(Verdict.COMPLETE);
    }

    @Test
    void aWorkerStopsAShareWhoseCoordinatorFellSilent(EmbeddedKafka broker) throws Exception {
        workers(broker, "dist-orphan.control", VERSION, "a");
        Workload whole = Workload.of(Pacing.open(50), 1, Limit.duration(Duration.ofMinutes(10)));
        try (Bus coordinator = Bus.open(control("dist-orphan.control"), "silent-coordinator")) {
            coordinator.listen(null, true);
            Work work = new Work(
                    "orphan",
                    "a",
                    List.of("50", "600000"),
                    Share.split(whole, 1).get(0),
                    VERSION);
            coordinator.send(ControlMessage.work(work));
            coordinator.flush();
            List<ResultMessage> seen = new ArrayList<>();
            Await.until(Duration.ofSeconds(20), "ready", () -> poll(coordinator, seen, ResultMessage.READY));
            coordinator.send(ControlMessage.start("orphan", java.time.Instant.now()));
            coordinator.flush();
            // and then it says nothing more, as a killed coordinator would

            Await.until(Duration.ofSeconds(30), "the share stopped", () -> poll(coordinator, seen, ResultMessage.DONE));
            RunResult result = seen.stream()
                    .filter(m -> m.type().equals(ResultMessage.DONE))
                    .findFirst()
                    .orElseThrow()
                    .result();
            assertThat(result.stopped()).isTrue();
            assertThat(result.counts().operations()).isPositive().isLessThan(50 * 30);
        }
    }

    private static boolean poll(Bus bus, List<ResultMessage> seen, String type) {
        bus.poll(Duration.ofMillis(100)).stream()
                .filter(m -> m instanceof ResultMessage r && r.runId().equals("orphan"))
                .forEach(m -> seen.add((ResultMessage) m));
        return seen.stream().anyMatch(m -> m.type().equals(type));
    }

    @Test
    void aShareThatCannotBePreparedStopsTheRunBeforeItStarts(EmbeddedKafka broker) {
        workers(broker, "dist-fail.control", VERSION, "a");
        Workload whole = Workload.of(Pacing.open(100), 1, Limit.duration(Duration.ofSeconds(1)));

        assertThatThrownBy(() ->
                        run("dist-fail.control", 1, List.of("fail"), whole).await())
                .isInstanceOf(LoadSetupException.class)
                .hasMessageContaining("worker a could not prepare its share: no such command: fail");
    }

    @Test
    void aShareAboveAWorkersCapacityIsRefusedBeforeTheStart(EmbeddedKafka broker) {
        kafka = broker;
        started.add(Distributed.startWorker(
                WorkerSettings.of(control("dist-capacity.control"), "small", 40, VERSION), launcher, line -> {}, "h"));
        Workload whole = Workload.of(Pacing.open(100), 1, Limit.duration(Duration.ofSeconds(1)));

        assertThatThrownBy(() -> run("dist-capacity.control", 1, List.of("100", "1000"), whole)
                        .await())
                .isInstanceOf(LoadSetupException.class)
                .hasMessage("worker small takes at most 40 ops/s (--capacity) but its share is 100 ops/s: add workers"
                        + " or lower the rate");
        assertThat(calls).isEmpty();
    }

    @Test
    void workersOfAnotherVersionAreNotUsedAndTheShortfallNamesThem(EmbeddedKafka broker) {
        workers(broker, "dist-version.control", "0.9-old", "old");
        Workload whole = Workload.of(Pacing.open(100), 1, Limit.duration(Duration.ofSeconds(1)));
        CoordinatorSettings settings = CoordinatorSettings.of(control("dist-version.control"), 1, VERSION)
                .withTimeouts(Duration.ofMillis(1500), Duration.ofSeconds(2));

        assertThatThrownBy(() -> Distributed.coordinate(
                                settings, List.of("100", "1000"), whole, Map.of(), RunListener.NONE)
                        .await())
                .isInstanceOf(LoadSetupException.class)
                .hasMessageContaining("found 0")
                .hasMessageContaining("worker old refused: it runs pacer 0.9-old, this coordinator pacer 1.0-test");
    }
}
