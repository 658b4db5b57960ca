package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.internal.Json;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.metrics.Histograms;
import io.pacer.testing.Await;
import io.pacer.testing.KafkaExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed runs end to end: three {@code pacer worker} JVMs and the embedded broker; the coordinator in this
 * process (or, for the signal test, a JVM of its own). The merged result is checked against the workers' own results
 * as they put them on the results topic.
 */
@ExtendWith(KafkaExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkersCliTest {
    private static final String CONTROL = "workers-test.control";

    private static EmbeddedKafka kafka;
    private static WorkerProcesses workers;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void startWorkers(EmbeddedKafka broker) throws Exception {
        kafka = broker;
        workers = new WorkerProcesses(broker.bootstrapServers(), CONTROL, "w1", "w2", "w3");
    }

    @AfterAll
    static void stopWorkers() throws Exception {
        if (workers != null) {
            workers.close();
        }
    }

    @Test
    @Order(1)
    void listsTheLiveWorkers() {
        Cli cli = Cli.run("workers", "--bootstrap", kafka.bootstrapServers(), "--control-topic", CONTROL);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out())
                .contains("w1")
                .contains("w2")
                .contains("w3")
                .contains(Version.pacer())
                .contains("idle");
    }

    @Test
    @Order(2)
    void produceRunSharesTheRateEquallyAndMergesExactly(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("run.json");
        Cli cli = onWorkers(
                "kafka",
                "produce",
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "workers-produce",
                "--rate",
                "600",
                "--duration",
                "3s",
                "--workers",
                "3",
                "--output",
                output.toString());

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        RunResult result = RunResults.read(output);
        assertExactMerge(result);
        assertThat(result.settings().ratePerSecond()).isEqualTo(600.0);
        assertThat(result.distribution().shares())
                .allSatisfy(
                        s -> assertThat(s.targetRate()).isCloseTo(200.0, org.assertj.core.api.Assertions.within(2.0)));
        assertThat(cli.out()).contains("3 of 3 shares done").contains("verdict      PASS");
    }

    @Test
    @Order(3)
    void httpRunSharesTheRateEquallyAndMergesExactly(@TempDir Path dir) throws Exception {
        AtomicLong served = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            Path output = dir.resolve("http.json");
            Cli cli = onWorkers(
                    "http",
                    "--url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                    "--rate",
                    "300",
                    "--duration",
                    "3s",
                    "--workers",
                    "3",
                    "--control-bootstrap",
                    kafka.bootstrapServers(),
                    "--output",
                    output.toString());

            assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
            RunResult result = RunResults.read(output);
            assertExactMerge(result);
            assertThat(served.get()).isEqualTo(result.counts().operations());
        } finally {
            server.stop(0);
        }
    }

    @Test
    @Order(4)
    void streamRunAccountsEveryIdOnceAcrossWorkers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stream.json");
        String input = "workers-stream-in";
        String output = "workers-stream-out";
        try (var setup =
                io.pacer.kafka.KafkaSetup.connect(io.pacer.kafka.KafkaConnection.of(kafka.bootstrapServers()))) {
            setup.ensureTopic(io.pacer.kafka.TopicSpec.of(input, 3));
            setup.ensureTopic(io.pacer.kafka.TopicSpec.of(output, 3));
        }
        // The service under test, external to every worker: drops ids ending in 3, duplicates ids ending in 7.
        try (FatefulProcessor processor = new FatefulProcessor(kafka.bootstrapServers(), input, output)) {
            Cli cli = onWorkers(
                    "stream",
                    "--bootstrap",
                    kafka.bootstrapServers(),
                    "--input",
                    input,
                    "--output-topic",
                    output,
                    "--processor",
                    "external",
                    "--rate",
                    "150",
                    "--duration",
                    "3s",
                    "--drain-timeout",
                    "2s",
                    "--workers",
                    "3",
                    "--output",
                    file.toString());

            assertThat(cli.exitCode()).as(cli.err() + cli.out()).isEqualTo(1);
            RunResult result = RunResults.read(file);
            String runId = result.distribution().runId();
            assertThat(result.accounting().lost()).isEqualTo(processor.dropped());
            assertThat(result.accounting().duplicated()).isEqualTo(processor.duplicated());
            assertThat(result.accounting().unknown()).isZero();
            List<RunResult> own = workerResults(runId);
            long issued = own.stream().mapToLong(r -> r.accounting().issued()).sum();
            assertThat(issued).isEqualTo(processor.read());
            assertThat(own.stream().mapToLong(r -> r.accounting().lost()).sum()).isEqualTo(processor.dropped());
            assertThat(own.stream().mapToLong(r -> r.accounting().duplicated()).sum())
                    .isEqualTo(processor.duplicated());
            assertThat(own.stream().mapToLong(r -> r.accounting().unknown()).sum())
                    .isZero();
            assertThat(processor.dropped()).isPositive();
            assertThat(processor.duplicated()).isPositive();
            assertThat(cli.out())
                    .contains("lost records: " + processor.dropped())
                    .contains("duplicated records: " + processor.duplicated());
        }
    }

    @Test
    @Order(5)
    void aWorkerOfAnotherVersionRefusesWorkNamingBothVersions() {
        String runId = "old-" + System.nanoTime();
        workers.sendControl("{\"schema\":\"pacer.control/1\",\"type\":\"work\",\"runId\":\"" + runId
                + "\",\"to\":\"w1\",\"work\":{\"runId\":\"" + runId + "\",\"worker\":\"w1\",\"command\":"
                + "[\"kafka\",\"produce\"],\"share\":{\"index\":0,\"count\":1,\"userFrom\":0,\"users\":1},"
                + "\"version\":\"9.9.9\"}}");

        Await.until(
                Duration.ofSeconds(20),
                "w1 refuses",
                () -> !workers.results(runId, "refused").isEmpty());
        assertThat(workers.results(runId, "refused").get(0).path("text").asText())
                .contains("pacer 9.9.9")
                .contains("pacer " + Version.pacer())
                .contains("w1");
    }

    @Test
    @Order(6)
    void aCoordinatorRefusesWorkersOfAnotherVersionNamingBoth() {
        String now = Instant.now().toString();
        workers.sendControl("{\"schema\":\"pacer.control/1\",\"type\":\"heartbeat\",\"worker\":{\"name\":"
                + "\"w9-old\",\"host\":\"elsewhere\",\"cores\":2,\"version\":\"9.9.9\",\"capacity\":0,"
                + "\"runId\":null,\"at\":\"" + now + "\"},\"at\":\"" + now + "\"}");

        Cli cli = onWorkers(
                "kafka",
                "produce",
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "workers-version",
                "--rate",
                "100",
                "--duration",
                "1s",
                "--workers",
                "4",
                "--worker-wait",
                "1s");

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isEqualTo(2);
        assertThat(cli.err())
                .contains("found 3 (w1, w2, w3)")
                .contains("worker w9-old refused: it runs pacer 9.9.9, this coordinator pacer " + Version.pacer());
    }

    @Test
    @Order(7)
    void theCoordinatorsSigtermStopsEveryWorkerAndPrintsThePartialResult(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("stopped.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process coordinator = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Pacer.class.getName(),
                        "kafka",
                        "produce",
                        "--bootstrap",
                        kafka.bootstrapServers(),
                        "--topic",
                        "workers-sigterm",
                        "--rate",
                        "150",
                        "--duration",
                        "10m",
                        "--workers",
                        "3",
                        "--control-topic",
                        CONTROL,
                        "--output",
                        output.toString())
                .redirectErrorStream(true)
                .start();
        WorkerProcesses.Worker console = new WorkerProcesses.Worker(coordinator);
        Await.until(
                Duration.ofSeconds(60),
                "every worker measuring",
                () -> workers.results().stream()
                                .filter(m -> m.path("type").asText().equals("interval")
                                        && m.path("interval").path("index").asInt() >= 1)
                                .map(m -> m.path("runId").asText()
                                        + m.path("worker").asText())
                                .distinct()
                                .filter(k -> workers.live().stream().anyMatch(w -> k.equals(w.runId() + w.name())))
                                .count()
                        == 3);

        assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(coordinator.pid()))
                        .start()
                        .waitFor())
                .isZero();

        assertThat(coordinator.waitFor(60, TimeUnit.SECONDS))
                .as(console.output())
                .isTrue();
        assertThat(console.output())
                .contains("stopping (SIGTERM): stopping every worker")
                .contains("STOPPED EARLY");
        RunResult result = RunResults.read(output);
        assertThat(result.stopped()).isTrue();
        assertThat(result.distribution().shares())
                .allSatisfy(s -> assertThat(s.state()).isEqualTo("stopped"));
        assertThat(result.counts().operations()).isPositive();
        Await.until(
                Duration.ofSeconds(20),
                "every worker idle again",
                () -> workers.live().stream().allMatch(io.pacer.load.distributed.WorkerInfo::idle));
    }

    @Test
    @Order(8)
    void replayOfASharedCaptureSendsEveryRecordOnceAcrossWorkers(@TempDir Path dir) throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add("{\"ts\": " + (1_714_564_800_000L + 10L * i) + ", \"key\": \"k" + i + "\", \"value\": \"v\"}");
        }
        Path capture = java.nio.file.Files.write(dir.resolve("capture.jsonl"), lines);
        Path output = dir.resolve("replay.json");

        Cli cli = onWorkers(
                "replay",
                capture.toString(),
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "workers-replay",
                "--speed",
                "3",
                "--workers",
                "3",
                "--output",
                output.toString());

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        RunResult result = RunResults.read(output);
        assertThat(result.counts().ok()).isEqualTo(300);
        assertThat(result.distribution().shares())
                .allSatisfy(s -> assertThat(s.counts().ok()).isEqualTo(100));
        assertThat(keysOn("workers-replay", 300)).hasSize(300);
    }

    @Test
    @Order(9)
    void replayOfASplitCaptureSendsEachWorkersOwnFileWhole(@TempDir Path dir) throws Exception {
        for (int share = 1; share <= 3; share++) {
            List<String> lines = new java.util.ArrayList<>();
            for (int i = 0; i < 40 * share; i++) {
                lines.add("{\"ts\": " + (1_714_564_800_000L + 10L * i) + ", \"key\": \"s" + share + "-" + i
                        + "\", \"value\": \"v\"}");
            }
            java.nio.file.Files.write(dir.resolve("part-" + share + ".jsonl"), lines);
        }
        Path output = dir.resolve("split.json");

        Cli cli = onWorkers(
                "replay",
                dir.resolve("part-{share}.jsonl").toString(),
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "workers-split",
                "--speed",
                "max",
                "--workers",
                "3",
                "--output",
                output.toString());

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        RunResult result = RunResults.read(output);
        assertThat(result.distribution().shares())
                .extracting(s -> s.counts().ok())
                .containsExactly(40L, 80L, 120L);
        assertThat(keysOn("workers-split", 240)).hasSize(240);
    }

    /** The distinct keys of the first {@code count} records of {@code topic}. */
    private static java.util.Set<String> keysOn(String topic, int count) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        java.util.Map<String, Object> config = java.util.Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName(),
                "value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(config)) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int[] read = {0};
            Await.until(Duration.ofSeconds(20), count + " records read", () -> {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (!io.pacer.kafka.KafkaSetup.isProbe(record)) {
                        keys.add(record.key());
                        read[0]++;
                    }
                }
                return read[0] >= count;
            });
            assertThat(read[0]).as("no record sent twice").isEqualTo(count);
        }
        return keys;
    }

    @Test
    @Order(10)
    void aSuiteRunsEveryScenarioAndEveryCapacityStepOnWorkers(@TempDir Path dir) throws Exception {
        Path suite = java.nio.file.Files.writeString(dir.resolve("s.yaml"), """
                name: on-workers
                defaults: {topic: workers-suite, duration: 2s, interval: 500ms}
                scenarios:
                  - name: steady
                    driver: kafka produce
                    rate: 200
                    gates: [errors<1%]
                  - name: search
                    driver: kafka produce
                    search: {from: 100, step: 100, to: 200}
                    gates: [errors<1%]
                """);
        Path output = dir.resolve("suite.json");
        Cli cli = onWorkers(
                "full",
                "--suite",
                suite.toString(),
                "-b",
                kafka.bootstrapServers(),
                "--workers",
                "2",
                "--output",
                output.toString());

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        io.pacer.verdict.SuiteResult result = io.pacer.verdict.SuiteResults.read(output);
        assertThat(result.scenarios()).hasSize(2).allSatisfy(s -> {
            assertThat(s.run().distribution().shares())
                    .hasSize(2)
                    .allSatisfy(share -> assertThat(share.state()).isEqualTo("done"));
            assertThat(s.gates()).anySatisfy(g -> assertThat(g.gate()).isEqualTo("missing = 0"));
            assertThat(s.gates())
                    .allSatisfy(g -> assertThat(g.passed()).as(g.gate()).isTrue());
        });
        io.pacer.verdict.ScenarioResult search = result.scenarios().get(1);
        assertThat(search.capacity().steps())
                .extracting(s -> s.targetPerSecond())
                .containsExactly(100.0, 200.0);
        assertThat(search.capacity().capacityPerSecond()).isEqualTo(200.0);
        assertThat(search.run().settings().ratePerSecond())
                .as("the step's rate reached the workers")
                .isEqualTo(200.0);
    }

    @Test
    @Order(99) // last: it kills w3
    void aWorkerKilledMidRunIsReportedWithItsMissingShareAndTheRunFails(@TempDir Path dir) throws Exception {
        // w3 heard idle first: a busy w3 below is then busy with this run, not with one that just ended
        Await.until(
                Duration.ofSeconds(30),
                "w3 idle after the earlier runs",
                () -> workers.live().stream().anyMatch(w -> w.name().equals("w3") && w.idle()));
        Path output = dir.resolve("partial.json");
        CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> onWorkers(
                "kafka",
                "produce",
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "workers-kill",
                "--rate",
                "150",
                "--duration",
                "6s",
                "--workers",
                "3",
                "--output",
                output.toString()));
        Await.until(
                Duration.ofSeconds(60),
                "w3 measuring",
                () -> workers.live().stream()
                        .filter(w -> w.name().equals("w3") && !w.idle())
                        .anyMatch(w -> workers.results(w.runId(), "interval").stream()
                                .anyMatch(m -> m.path("worker").asText().equals("w3")
                                        && m.path("interval").path("index").asInt() >= 1)));

        workers.worker("w3").process.destroyForcibly(); // SIGKILL
        Cli cli = run.get(90, TimeUnit.SECONDS);

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isEqualTo(1);
        RunResult result = RunResults.read(output);
        assertThat(result.partial()).isTrue();
        RunResult.Share lost = result.distribution().shares().get(2);
        assertThat(lost.worker()).isEqualTo("w3");
        assertThat(lost.state()).isEqualTo("lost");
        assertThat(lost.missing()).contains("w3").contains("share 3/3").contains("no heartbeat");
        assertThat(result.distribution().shares().subList(0, 2))
                .allSatisfy(s -> assertThat(s.state()).isEqualTo("done"));
        List<RunResult> own = workerResults(result.distribution().runId(), 2);
        assertThat(result.counts().operations())
                .isEqualTo(own.stream().mapToLong(r -> r.counts().operations()).sum());
        assertThat(cli.out())
                .contains("PARTIAL RESULT: 1 share(s) missing")
                .contains("missing shares: 1, must be 0")
                .contains("verdict      FAIL");
    }

    private static Cli onWorkers(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--control-topic";
        all[args.length + 1] = CONTROL;
        all[args.length + 2] = "--worker-timeout";
        all[args.length + 3] = "3s";
        Cli cli = Cli.run(all);
        return cli;
    }

    /**
     * The merged result against the workers' own results as they sent them: counts add up, p50/p99 equal those of
     * one histogram holding every worker's samples, each share within 1 % of an equal one.
     */
    private static void assertExactMerge(RunResult result) throws Exception {
        RunResult.Distribution d = result.distribution();
        assertThat(d).isNotNull();
        assertThat(d.shares()).hasSize(3).allSatisfy(s -> assertThat(s.state()).isEqualTo("done"));
        List<RunResult> own = workerResults(d.runId());
        assertThat(own).hasSize(3);
        assertThat(result.counts().operations())
                .isEqualTo(own.stream().mapToLong(r -> r.counts().operations()).sum());
        assertThat(result.counts().ok())
                .isEqualTo(own.stream().mapToLong(r -> r.counts().ok()).sum());
        Histogram all = new Histogram(Histograms.HIGHEST_LATENCY_MICROS, Histograms.SIGNIFICANT_DIGITS);
        own.forEach(r -> all.add(Histograms.decode(r.histogram())));
        assertThat(all.getTotalCount()).isEqualTo(result.latency().count());
        assertThat((double) result.latency().p50()).isEqualTo((double) all.getValueAtPercentile(50));
        assertThat((double) result.latency().p99()).isEqualTo((double) all.getValueAtPercentile(99));
        // Every interval's latency is that of the workers' interval histograms together, as they streamed them.
        List<JsonNode> streamed = workers.results(d.runId(), "interval");
        for (io.pacer.load.IntervalStats merged : result.intervals()) {
            Histogram interval = new Histogram(Histograms.HIGHEST_LATENCY_MICROS, Histograms.SIGNIFICANT_DIGITS);
            streamed.stream()
                    .filter(m -> m.path("interval").path("index").asInt() == merged.index())
                    .forEach(m ->
                            interval.add(Histograms.decode(m.path("histogram").asText())));
            assertThat(merged.latency())
                    .as("interval %d", merged.index())
                    .isEqualTo(io.pacer.metrics.Percentiles.of(interval));
        }
        double equal = result.counts().operations() / 3.0;
        for (RunResult r : own) {
            assertThat(Math.abs(r.counts().operations() - equal))
                    .as("share of %s", r.settings().parameters().get("worker"))
                    .isLessThanOrEqualTo(equal * 0.01);
        }
    }

    /** The workers' results of {@code runId}, read from the results topic, not from the coordinator. */
    private static List<RunResult> workerResults(String runId) throws Exception {
        return workerResults(runId, 3);
    }

    private static List<RunResult> workerResults(String runId, int count) throws Exception {
        Await.until(
                Duration.ofSeconds(10),
                "results of run " + runId + " tapped",
                () -> workers.results(runId, "done").size() == count);
        List<RunResult> out = new java.util.ArrayList<>();
        for (JsonNode m : workers.results(runId, "done")) {
            out.add(RunResults.read(
                    new java.io.ByteArrayInputStream(Json.documentWriter().writeValueAsBytes(m.path("result")))));
        }
        return out;
    }
}
