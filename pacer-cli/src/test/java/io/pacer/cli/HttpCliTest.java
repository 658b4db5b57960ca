package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacer http} against a real HTTP server: the issue's example command, status breakdown, exit code. */
class HttpCliTest {
    private HttpServer server;
    private ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            int n = requests.incrementAndGet();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().equals("/flaky") && n % 10 == 0 ? 503 : 200;
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void theIssuesExampleRunsAndWritesItsResult(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("run.json");
        Cli cli =
                Cli.run("http", "--url", url("/"), "--rate", "200", "--duration", "2s", "--output", output.toString());

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        RunResult result = RunResults.read(output);
        assertThat(result.counts().ok()).isBetween(380L, 420L).isEqualTo(requests.get());
        assertThat(result.statuses()).containsOnlyKeys("200");
        assertThat(cli.out()).contains("verdict      PASS");
        assertThat(cli.out())
                .contains("  p90 " + Numbers.micros(result.latency().p90()) + "  p95 "
                        + Numbers.micros(result.latency().p95()) + "  p99 ");
    }

    @Test
    void failedStatusesAreBrokenDownAndFailTheRun() {
        Cli cli = Cli.run(
                "http",
                "--url",
                url("/flaky"),
                "--url",
                url("/steady"),
                "--users",
                "20",
                "--think-time",
                "0s",
                "--count",
                "400");

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isEqualTo(ExitCode.FAILED_RUN);
        assertThat(cli.out())
                .contains("statuses")
                .contains("503")
                .contains("GET /flaky")
                .contains("GET /steady")
                .contains("verdict      FAIL")
                .containsPattern("(?m)^  verdict      FAIL \\(failed operations: [1-9][0-9]*, must be 0\\)$");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }
}
