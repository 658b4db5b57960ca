package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.metrics.Histograms;
import io.pacer.monitor.Sample;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300) // the first run fetches promtool with apt-get
class MetricsExportCliTest {

    @TempDir
    Path dir;

    /** 5 series × 120 samples (one every 30 s for the last hour), names that test Prometheus' naming rules. */
    @BeforeEach
    void storeHistory() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Instant at = now.minusSeconds(30L * (120 - i));
            samples.add(Sample.of("host.cpu.usage", Map.of("core", "0"), at, i % 10 / 10.0));
            samples.add(Sample.of("http.requests.count", Map.of("target", "say \"hi\"\\"), at, i));
            samples.add(Sample.of("jvm.gc.pause.ms", Map.of("gc", "G1 Young"), at, 12));
            samples.add(Sample.of("queue.items.total", Map.of(), at, 5));
            Histogram h = Histograms.latency();
            h.recordValue(1_000 + i);
            samples.add(new Sample("http.latency.seconds", Map.of("target", "a"), at, 0.001, Histograms.encode(h)));
        }
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir))) {
            store.write(samples);
            store.flush();
        }
    }

    @Test
    void prometheusExportPassesPromtool() throws Exception {
        Path file = dir.resolve("metrics.prom");
        Cli cli = Cli.run(
                "metrics",
                "export",
                "--format",
                "prometheus",
                "--since",
                "2h",
                "--data-dir",
                dir.toString(),
                "--output",
                file.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        String text = Files.readString(file);
        assertThat(text)
                .contains("# TYPE host_cpu_usage gauge")
                .contains("# TYPE http_requests_count_value gauge")
                .contains("# TYPE jvm_gc_pause_seconds gauge")
                .contains("jvm_gc_pause_seconds{gc=\"G1 Young\"} 0.012 ")
                .contains("http_requests_count_value{target=\"say \\\"hi\\\"\\\\\"}");
        assertThat(text.lines().filter(l -> l.startsWith("# HELP ")).count()).isEqualTo(5);
        Promtool.Result check = Promtool.checkMetrics(file);
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void jsonAndCsvCarryEveryStatistic() throws Exception {
        Cli json = Cli.run("metrics", "export", "--since", "2h", "--resolution", "raw", "--data-dir", dir.toString());
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode doc = Json.documentReader().readTree(json.out());
        assertThat(doc.get("format").asText()).isEqualTo("pacer.metrics-export/1");
        assertThat(doc.get("resolution").asText()).isEqualTo("raw");
        assertThat(doc.get("series")).hasSize(5);
        for (JsonNode s : doc.get("series")) {
            assertThat(s.get("points")).as(s.get("name").asText()).hasSize(120);
        }
        assertThat(doc.get("series").get(0).get("name").asText()).isEqualTo("host.cpu.usage");
        JsonNode latency = doc.get("series").get(1).get("points").get(0);
        assertThat(latency.get("p99").asLong()).isBetween(1_000L, 1_001L); // 3 significant digits

        Cli csv = Cli.run("metrics", "export", "--format", "csv", "--since", "2h", "--data-dir", dir.toString());
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        List<String> rows = csv.out().lines().toList();
        assertThat(rows.get(0)).isEqualTo("name,labels,resolution,timestamp,count,sum,min,max,avg,last,p50,p95,p99");
        assertThat(rows).anyMatch(r -> r.startsWith("http.latency.seconds,target=a,1m,") && !r.endsWith(",,"));
        long samplesInRows = rows.stream()
                .skip(1)
                .filter(r -> r.startsWith("queue.items.total,"))
                .mapToLong(r -> Long.parseLong(r.split(",")[4]))
                .sum();
        assertThat(samplesInRows).isEqualTo(120);
    }

    @Test
    void badUsageIsOneLineAndExitCode2() throws Exception {
        Cli format = Cli.run("metrics", "export", "--format", "xml", "--data-dir", dir.toString());
        assertThat(format.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(format.err()).contains("--format");

        Cli resolution = Cli.run("metrics", "export", "--resolution", "2m", "--data-dir", dir.toString());
        assertThat(resolution.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(resolution.err().strip())
                .isEqualTo("pacer: --resolution resolution must be one of raw, 1m, 5m, 15m, 1h, 1d, but was 2m");

        Cli empty = Cli.run(
                "metrics", "export", "--data-dir", dir.resolve("nothing-here").toString());
        assertThat(empty.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(empty.err().lines().count()).isEqualTo(1);
        assertThat(empty.err()).contains("no metric history in").contains("nothing-here");
    }
}
