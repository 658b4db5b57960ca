package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The shaded jar, run as ./pacer runs it: a separate JVM with nothing but the jar. Proves the merged jar works
 * (services, logging, the embedded broker) and that a stop signal still yields a partial report. Every test runs a
 * process of its own, with its own ports and directories, so they run side by side.
 */
@Execution(ExecutionMode.CONCURRENT)
class PacerJarIT {
    private static final Path JAR = Path.of(System.getProperty("pacer.jar", "target/pacer.jar"));

    @Test
    void producesAgainstItsOwnEmbeddedBrokerWithNoBootstrap(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("run.json");
        Run run = start("kafka", "produce", "--count", "3000", "--rate", "-1", "--output", output.toString());

        assertThat(run.process.waitFor(180, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(run.process.exitValue()).as(run.text()).isZero();
        assertThat(run.text()).contains("starting an embedded Kafka broker").contains("verdict      PASS");
        RunResult result = RunResults.read(output);
        assertThat(result.counts().ok()).isEqualTo(3000);
        assertThat(result.settings().parameters()).containsEntry("embedded_broker", "true");
    }

    @Test
    void aStopSignalEndsTheRunWithAPartialReport(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("partial.json");
        Run run = start("kafka", "produce", "--rate", "200", "--duration", "10m", "--output", output.toString());

        run.awaitLine("ops/s", 120); // the first periodic progress line: the run is measuring
        // SIGTERM, handled like Ctrl-C. Not Process.destroy(): it also closes our end of the child's output, and
        // the partial report printed after the signal would be lost to the test.
        assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(run.process.pid()))
                        .start()
                        .waitFor())
                .isZero();

        assertThat(run.process.waitFor(120, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(run.text()).contains("stopping (SIGTERM)").contains("STOPPED EARLY");
        RunResult result = RunResults.read(output);
        assertThat(result.stopped()).isTrue();
        assertThat(result.counts().operations()).isGreaterThan(0);
        assertThat(result.counts().failed()).isZero();
    }

    @Test
    void aStopSignalEndsAMonitorRunWithItsSummary(@TempDir Path dir) throws Exception {
        Run run = start("monitor", "--interval", "500ms", "--data-dir", dir.toString());

        run.awaitLine("| targets 2/2 up", 120); // a refresh with the host and the JVM collected
        assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(run.process.pid()))
                        .start()
                        .waitFor())
                .isZero();

        assertThat(run.process.waitFor(120, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(run.text())
                .contains("stopping (SIGTERM): writing what was collected")
                .contains("pacer monitor: ")
                .contains("stored in " + dir.resolve("metrics.db"));
        assertThat(run.process.exitValue()).as(run.text()).isZero(); // the default rules wait 1m before firing
        assertThat(dir.resolve("metrics.db")).exists();
    }

    @Test
    void serveLogsJsonAndStopsGracefullyOnSigtermWritingWhatItCollected(@TempDir Path dir) throws Exception {
        Run run = start("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dir.toString(), "--interval", "1");

        run.awaitLine("pacer serve: listening on http://127.0.0.1:", 120);
        Matcher port =
                Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(run.snapshot());
        assertThat(port.find()).isTrue();
        URI health = URI.create(port.group(1) + "/health");
        HttpClient client = HttpClient.newHttpClient();
        Await.until(
                Duration.ofSeconds(60),
                "a healthy service",
                () -> client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
                        .body()
                        .contains("\"lastSuccess\":\"20"));
        assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(run.process.pid()))
                        .start()
                        .waitFor())
                .isZero();

        assertThat(run.process.waitFor(120, TimeUnit.SECONDS)).as("stopped").isTrue();
        String text = run.text();
        assertThat(run.process.exitValue()).as(text).isZero();
        assertThat(text)
                .contains("stopping (SIGTERM): finishing in-flight requests and writing buffered samples")
                .contains("pacer serve: stopped")
                .contains("\"log.logger\":\"io.pacer.server.request\"")
                .contains("\"route\":\"/health\"");
        try (MetricStore store = MetricStore.openForReading(StoreConfig.sqlite(dir))) {
            assertThat(store.names()).contains("host.cpu.usage.ratio", "jvm.threads.live", "collector.up");
        }
    }

    @Test
    @Timeout(180) // a broker, a pipeline and the service start, run a fault cycle and drain: 30 s quiet, more when busy
    void demoRunsFromTheJarAndStopsInOrderOnSigtermWithNothingLost() throws Exception {
        // Speed 8 collects every 250 ms, as DemoTest does; at 20 (every 100 ms) the Kafka lag collection rarely fits
        // its 100 ms on a loaded machine, and the group took 10 s and more to show.
        Run run = start("demo", "--port", "0", "--speed", "8");

        run.awaitLine("/openapi.json", 120);
        Matcher port = Pattern.compile("http://localhost:(\\d+)/dashboard").matcher(run.snapshot());
        assertThat(port.find()).as(run.snapshot()).isTrue();
        Matcher key = Pattern.compile("pacer_[A-Za-z0-9_-]{43}").matcher(run.snapshot());
        assertThat(key.find()).as("the sign-in key in " + run.snapshot()).isTrue();
        URI lag = URI.create("http://127.0.0.1:" + port.group(1) + "/api/lag");
        HttpClient client = HttpClient.newHttpClient();
        Await.until(
                Duration.ofSeconds(60),
                "the demo's consumer group in the service's lag",
                () -> client.send(
                                HttpRequest.newBuilder(lag)
                                        .header("Authorization", "Bearer " + key.group())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body()
                        .contains("\"demo-consumers\""));
        // An outage has come and gone; stopped while the consumer is slowed, a fault the stop must end.
        run.awaitLine("fault: consumer slows down", 60);
        assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(run.process.pid()))
                        .start()
                        .waitFor())
                .isZero();

        assertThat(run.process.waitFor(120, TimeUnit.SECONDS)).as("stopped").isTrue();
        String text = run.text();
        assertThat(run.process.exitValue()).as(text).isZero();
        assertThat(text)
                .contains("L2 private Redis")
                .contains("stopping (SIGTERM)")
                .contains("stopping: pipeline")
                .contains(": none lost")
                .doesNotContain("\tat ");
    }

    @Test
    void versionAndBadUsageBehaveInTheJarToo() throws Exception {
        Run version = start("--version");
        assertThat(version.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(version.process.exitValue()).isZero();
        assertThat(version.text()).contains("pacer 0.1.0");

        Run bad = start("kafka", "--rate", "zero");
        assertThat(bad.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.process.exitValue()).isEqualTo(2);
        assertThat(bad.text()).contains("'zero' is not a rate").doesNotContain("\tat ");
    }

    private static Run start(String... args) throws IOException {
        assertThat(JAR).as("the shaded jar (mvn package)").exists();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new Run(process);
    }

    /** A child process whose merged output is collected line by line as it arrives. */
    private static final class Run {
        final Process process;
        private final List<String> lines = new ArrayList<>();
        private final CompletableFuture<Void> drained = new CompletableFuture<>();

        /** Reads on a thread of its own: a pool's threads could all be busy draining the other tests' processes. */
        Run(Process process) {
            this.process = process;
            Thread reader = new Thread(this::drain, "drain-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void drain() {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            } finally {
                drained.complete(null);
            }
        }

        void awaitLine(String fragment, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            synchronized (lines) {
                while (lines.stream().noneMatch(l -> l.contains(fragment))) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new AssertionError("no line with '" + fragment + "' within " + seconds + " s:\n"
                                + String.join("\n", lines));
                    }
                    lines.wait(left);
                }
            }
        }

        String snapshot() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        String text() throws Exception {
            drained.get(30, TimeUnit.SECONDS);
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
