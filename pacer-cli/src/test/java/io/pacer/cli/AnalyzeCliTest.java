package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.monitor.Sample;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code pacer analyze} over a real SQLite store holding five quiet minutes of what pacer monitor writes. */
class AnalyzeCliTest {

    @TempDir
    Path dir;

    /** One sample every 2 s for the last 5 minutes: a quiet host, a healthy Redis, a PostgreSQL with 12 backends. */
    @BeforeEach
    void storeHistory() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Instant at = now.minusSeconds(2L * (150 - i));
            samples.add(Sample.of("host.cpu.usage.ratio", Map.of(), at, i % 2 == 0 ? 0.2 : 0.3));
            samples.add(Sample.of("host.memory.used.ratio", Map.of(), at, 0.5));
            samples.add(Sample.of("host.disk.used.ratio", Map.of("mount", "/"), at, 0.3));
            samples.add(Sample.of("collector.up", Map.of("collector", "host"), at, 1));
            samples.add(Sample.of("collector.up", Map.of("collector", "redis:127.0.0.1:6379"), at, 1));
            samples.add(Sample.of("postgres.connections", Map.of("target", "db:5432/shop"), at, 12));
        }
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir))) {
            store.write(samples);
            store.flush();
        }
    }

    @Test
    void printsTheScoreFiguresBottlenecksAndRecommendations() {
        Cli cli = Cli.run("analyze", "--data-dir", dir.toString(), "--window", "5m");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out())
                .startsWith("pacer analyze  performance score 100/100  window 5m ending ")
                .contains("SYSTEM       cpu_usage_percent=25  memory_usage_percent=50  disk_usage_percent=30")
                .contains("INTEGRATION  integrations_tested=1  healthy_integrations=1  failed_integrations=[]")
                .contains("DATABASE     active_connections=12")
                .contains("BOTTLENECKS  none found")
                .contains("RECOMMENDATIONS  none")
                .doesNotContain("PROBLEMS");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void anEmptyWindowIsNotedOnStderr() {
        Path old = dir.resolve("old");
        Instant hourAgo = Instant.now().minusSeconds(3600);
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(old))) {
            store.write(List.of(Sample.of("host.cpu.usage.ratio", Map.of(), hourAgo, 0.5)));
            store.flush();
        }

        Cli cli = Cli.run("analyze", "--data-dir", old.toString(), "--window", "5m", "--json");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err().strip())
                .isEqualTo("pacer: note: the last 5m of " + old.resolve("metrics.db")
                        + " hold no host, integration or database samples: is pacer monitor collecting into it?");
        assertThat(cli.out()).contains("\"performance_score\" : 100.0");
    }

    @Test
    void jsonKeepsSeedFieldNames() throws Exception {
        Cli cli = Cli.run("analyze", "--data-dir", dir.toString(), "--window", "10m", "--no-database", "--json");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode json = Json.documentReader().readTree(cli.out());
        assertThat(json.path("performance_score").asDouble()).isEqualTo(100.0);
        assertThat(json.path("window_seconds").asLong()).isEqualTo(600);
        assertThat(json.path("analysis_duration_seconds").isNumber()).isTrue();
        assertThat(json.path("system_metrics").path("cpu_usage_percent").asDouble())
                .isEqualTo(25.0);
        assertThat(json.path("integration_metrics").path("integrations_tested").asInt())
                .isEqualTo(1);
        assertThat(json.path("database_metrics").isEmpty()).isTrue();
        for (String array : List.of("optimization_recommendations", "critical_issues", "automated_actions")) {
            assertThat(json.path(array).isArray()).as(array).isTrue();
        }
    }

    @Test
    void quickReadsAtMostFiveMinutesAndFailBelowGatesOnTheScore() throws Exception {
        Cli cli = Cli.run("analyze", "--data-dir", dir.toString(), "--quick", "--json", "--fail-below", "100");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Json.documentReader()
                        .readTree(cli.out())
                        .path("window_seconds")
                        .asLong())
                .isEqualTo(300);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--window|5s|--window must be in [PT10S, PT168H], but was PT5S",
                "--window|8d|--window must be in [PT10S, PT168H], but was PT192H",
                "--fail-below|120|--fail-below must be a score from 0 to 100, but was 120.0",
                "--postgres|mysql://u:secret@db/shop|--postgres must be jdbc:postgresql://HOST:PORT/DB or"
                        + " postgresql://USER@HOST:PORT/DB, but was mysql://u:***@db/shop",
                "--no-system|--no-database|nothing to analyse"
            })
    void badUsageIsOneLineAndExitTwo(String flag, String value, String expected) {
        List<String> args = new ArrayList<>(List.of("analyze", "--data-dir", dir.toString(), flag));
        if (value.startsWith("--")) {
            args.add(value);
            args.add("--no-integration");
        } else {
            args.add(value);
        }
        Cli cli = Cli.run(args.toArray(String[]::new));

        assertThat(cli.exitCode()).as(cli.out()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).startsWith("pacer: ").contains(expected).doesNotContain("secret");
        assertThat(cli.err().strip().lines()).hasSize(1);
    }

    @Test
    void aMissingStoreIsBadUsage() {
        Cli cli = Cli.run("analyze", "--data-dir", dir.resolve("nothing-here").toString());

        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("no metric history in").contains("run pacer monitor first");
        assertThat(cli.err().strip().lines()).hasSize(1);
    }
}
