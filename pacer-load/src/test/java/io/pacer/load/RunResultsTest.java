package io.pacer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RunResultsTest {

    /** A real run with labels, failures, warm-up and parameters, so every part of the record is populated. */
    private static RunResult realRun() throws InterruptedException {
        FakeDriver driver = new FakeDriver(call -> CompletableFuture.completedFuture(
                call.sequence() % 10 == 0
                        ? Outcome.failed("503").withLabel("POST /orders")
                        : Outcome.ok(1, 64).withLabel(call.sequence() % 2 == 0 ? "GET /a" : "GET /b")));
        Workload w = Workload.of(
                        new Pacing.Open(
                                500, Duration.ofMillis(100), List.of(new Pacing.Step(Duration.ofMillis(200), 800))),
                        2,
                        Limit.duration(Duration.ofMillis(400)))
                .withWarmup(Warmup.fixed(Duration.ofMillis(200)))
                .withInterval(Duration.ofMillis(100));
        return LoadEngine.run(w, driver, RunListener.NONE, Map.of("url", "http://localhost:8080"));
    }

    /** A result whose measured histogram holds exactly {@code values}, in µs. */
    private static RunResult synthetic(RunResult base, long from, long to, String host) {
        Histogram h = Histograms.latency();
        for (long v = from; v <= to; v++) {
            h.recordValue(v);
        }
        long n = to - from + 1;
        RunResult.Environment e = base.environment();
        return new RunResult(
                base.schema(),
                base.toolVersion(),
                base.driver(),
                base.settings(),
                new RunResult.Environment(
                        e.javaVendor(),
                        e.javaVersion(),
                        e.os(),
                        e.arch(),
                        e.cpus(),
                        e.maxHeapBytes(),
                        host,
                        e.kafkaClientsVersion(),
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(from),
                        Instant.parse("2026-01-01T00:10:00Z").plusSeconds(from)),
                base.warmup(),
                base.intervals(),
                Percentiles.of(h),
                Histograms.encode(h),
                Map.of(),
                new RunResult.Counts(n, n - 1, 1, 0, n, 10 * n),
                Map.of("503", 1L),
                Map.of("ok", n - 1, "503", 1L),
                new RunResult.Rates(10_000, n / 10.0, n / 10.0, 0, 100, 99, from, false),
                new RecordAccounting(n, n - 1, 1, 0, 0),
                Map.of("lost", 1.0),
                false,
                List.of("note " + host));
    }

    @Test
    void writtenResultsReadBackEqual(@TempDir Path dir) throws IOException, InterruptedException {
        RunResult result = realRun();
        assertThat(result.labels()).containsOnlyKeys("GET /a", "GET /b", "POST /orders");
        assertThat(result.settings().steps()).containsExactly(new RunResult.Step(200, 800));

        Path file = dir.resolve("run.json");
        RunResults.write(result, file);
        assertThat(RunResults.read(file)).isEqualTo(result);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunResults.write(result, out);
        assertThat(RunResults.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(result);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"schema\" : \"pacer.run-result/1\"")
                .contains("\"start\" : \"" + result.environment().start() + "\"");
        assertThat(RunResults.toJson(result)).isEqualTo(out.toString(StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"p90\" : " + result.latency().p90() + ",\n    \"p95\" : "
                        + result.latency().p95() + ",")
                .contains("\"accounting\" : null");
    }

    @Test
    void recordAccountingIsWrittenAndReadBack() throws IOException, InterruptedException {
        RunResult result = synthetic(realRun(), 1, 100, "a");
        String json = RunResults.toJson(result);

        assertThat(json)
                .contains("\"accounting\" : {\n    \"issued\" : 100,\n    \"received\" : 99,\n    \"lost\" : 1,\n"
                        + "    \"duplicated\" : 0,\n    \"unknown\" : 0\n  }");
        assertThat(read(json)).isEqualTo(result);
    }

    /**
     * A file Pacer wrote before latency objects had {@code p95} (same schema version: adding a field keeps it) still
     * reads, and gets p95 from the histogram beside each latency object — exact, as if it had been written. Interval
     * latency objects have no histogram: their p95 reads as 0.
     */
    @Test
    void aVersionOneFileWrittenBeforeP95ReadsWithP95FromItsHistograms() throws IOException {
        RunResult old;
        try (InputStream in = RunResultsTest.class.getResourceAsStream("run-result-v1-before-p95.json")) {
            old = RunResults.read(in);
        }

        assertThat(old.latency())
                .isEqualTo(new Percentiles(40, 2223.4, 2091, 2709, old.latency().p95(), 4619, 4619, 4619))
                .isEqualTo(Percentiles.of(Histograms.decode(old.histogram())));
        assertThat(old.latency().p95()).isBetween(2709L, 4619L);
        assertThat(old.warmup().latency())
                .isEqualTo(Percentiles.of(Histograms.decode(old.warmup().histogram())));
        assertThat(old.warmup().latency().p95()).isBetween(4343L, 7291L);
        assertThat(old.labels())
                .hasSize(2)
                .allSatisfy((label, s) ->
                        assertThat(s.latency()).isEqualTo(Percentiles.of(Histograms.decode(s.histogram()))));
        assertThat(old.intervals())
                .hasSize(4)
                .allSatisfy(i -> assertThat(i.latency().p95()).isZero());
        assertThat(old.intervals().get(1).latency().p99()).isEqualTo(4219);
        assertThat(old.accounting()).as("no such field then").isNull();
        assertThat(old.driverSummary()).containsEntry("lost", 0.0);
        assertThat(old.environment().start()).isEqualTo(Instant.parse("2026-11-29T06:43:30.991520987Z"));
        assertThat(read(RunResults.toJson(old))).isEqualTo(old);
    }

    @Test
    void aNewerSchemaOrSomethingElseIsRefusedClearly() {
        assertThatThrownBy(() -> read("{\"schema\":\"pacer.run-result/2\",\"counts\":{}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run result schema pacer.run-result/2 is newer than this Pacer reads (pacer.run-result/1);"
                        + " read it with a newer Pacer");
        assertThatThrownBy(() -> read("{\"name\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "not a Pacer run result: expected a \"schema\" field \"pacer.run-result/N\", but found none");
    }

    private static RunResult read(String json) throws IOException {
        return RunResults.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void mergeAddsCountsAndTakesLatencyFromTheCombinedHistograms() throws InterruptedException {
        RunResult base = realRun();
        RunResult low = synthetic(base, 1, 1000, "a");
        RunResult high = synthetic(base, 1001, 3000, "b");

        RunResult merged = RunResults.merge(List.of(low, high));

        assertThat(merged.latency().count()).isEqualTo(3000);
        assertThat(merged.latency().p50()).isBetween(1499L, 1501L); // exact to HdrHistogram's 3 digits
        assertThat(merged.latency().max()).isBetween(2998L, 3002L);
        assertThat(low.latency().p50()).isBetween(499L, 501L);
        assertThat(merged.counts()).isEqualTo(new RunResult.Counts(3000, 2998, 2, 0, 3000, 30_000));
        assertThat(merged.errors()).isEqualTo(Map.of("503", 2L));
        assertThat(merged.rates().operationsPerSecond()).isEqualTo(300.0);
        assertThat(merged.rates().maxScheduleLagMicros()).isEqualTo(1001);
        assertThat(merged.driverSummary()).isEqualTo(Map.of("lost", 2.0));
        assertThat(merged.accounting()).isEqualTo(new RecordAccounting(3000, 2998, 2, 0, 0));
        assertThat(merged.latency()).isEqualTo(Percentiles.of(Histograms.decode(merged.histogram())));
        assertThat(merged.latency().p95()).isBetween(2849L, 2851L);
        assertThat(merged.environment().hostname()).isEqualTo("a,b");
        assertThat(merged.environment().start()).isEqualTo(low.environment().start());
        assertThat(merged.environment().end()).isEqualTo(high.environment().end());
        assertThat(merged.notices()).containsExactly("merged 2 runs", "run 1: note a", "run 2: note b");
        assertThat(merged.intervals()).hasSameSizeAs(base.intervals());
        assertThat(merged.intervals().get(2).operations())
                .isEqualTo(2 * base.intervals().get(2).operations());
        assertThat(Histograms.decode(merged.histogram()).getTotalCount()).isEqualTo(3000);
        assertThat(RunResults.merge(List.of(base))).isSameAs(base);
    }

    @Test
    void mergedLabelsCombineTheirHistograms() throws InterruptedException {
        RunResult a = realRun();
        RunResult b = realRun();
        RunResult merged = RunResults.merge(List.of(a, b));

        RunResult.LabelSummary orders = merged.labels().get("POST /orders");
        assertThat(orders.operations())
                .isEqualTo(a.labels().get("POST /orders").operations()
                        + b.labels().get("POST /orders").operations());
        assertThat(orders.latency().count()).isEqualTo(orders.operations());
        assertThat(orders.statuses()).containsOnlyKeys("503");
        assertThat(merged.counts().operations())
                .isEqualTo(a.counts().operations() + b.counts().operations());
        assertThat(merged.warmup().counts().operations())
                .isEqualTo(
                        a.warmup().counts().operations() + b.warmup().counts().operations());
        assertThat(merged.warmup().ended()).isEqualTo("fixed");
        assertThat(merged.accounting())
                .as("neither run followed records end to end")
                .isNull();
        assertThat(merged.intervals().get(2).latency().p95())
                .isEqualTo(Math.max(
                        a.intervals().get(2).latency().p95(),
                        b.intervals().get(2).latency().p95()));
    }

    @Test
    void mergeRejectsNothingToMerge() {
        assertThatThrownBy(() -> RunResults.merge(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one run result");
    }
}
